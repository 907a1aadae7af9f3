/**
 * DELETE /voter/session: the voter ends every session of theirs (a lost or shared phone); their tokens stop working.
 */
import { json } from '../../shared/http/responses';
import { endVoterSessions } from '../../shared/voters/voter-sessions';
import { voterKeys, voters } from '../runtime/adapters';
import { httpRoute } from '../runtime/http';
import { requireVoter } from './voter-auth';

export const endSessionRoute = httpRoute({
  method: 'DELETE',
  path: '/voter/session',
  auth: 'voter',
  summary: "End the voter's sessions (voter token)",
  uses: { voters: voters.write, voterKeys: voterKeys.read },
  handle: (deps) => async (event) => {
    const voter = await requireVoter(event, new Date(), deps);
    return json(200, await endVoterSessions(voter, deps));
  },
});
