/**
 * DELETE /voter/session: the voter ends every session of theirs (a lost or shared phone); their tokens stop working.
 */
import { json } from '../../shared/http/responses';
import { endVoterSessions } from '../../shared/voters/voter-sessions';
import { ballotSessionEnds, campaigns, voterKeys, voters } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { requireVoter } from './voter-auth';

export const endSessionRoute = httpRoute({
  method: 'DELETE',
  path: '/voter/session',
  auth: 'voter',
  summary: "End the voter's sessions (voter token)",
  uses: {
    voters: voters.write,
    voterKeys: voterKeys.read,
    campaigns: campaigns.read,
    // Marks the voter's ballots of the day ended: the vote route checks a session begun that day there.
    ballots: ballotSessionEnds.write,
  },
  handle: (deps) => async (event) => {
    const voter = await requireVoter(event, new Date(), deps);
    return json(
      200,
      await endVoterSessions(voter, { voters: deps.voters, ballots: deps.ballots, campaigns: deps.campaigns.list }),
    );
  },
});
