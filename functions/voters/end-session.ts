/** DELETE /voter/session: the voter ends every session of theirs (a lost or shared phone); their tokens stop working. */
import { json } from '../../shared/http/responses';
import { withHttp } from '../../shared/http/with-http';
import { endVoterSessions } from '../../shared/voters/voter-sessions';
import { requireVoter, voters } from './wiring';

export const handler = withHttp(async (event) => {
  const voter = await requireVoter(event, new Date());
  return json(200, await endVoterSessions(voter, { voters }));
});
