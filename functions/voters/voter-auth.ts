/** The voter behind a request: the voter token in `Authorization: Bearer`, verified with the voter keys. */
import { say, UnauthorizedError } from '../../shared/errors';
import { bearerToken } from '../../shared/http/identity';
import type { HttpEvent } from '../../shared/http/with-http';
import type { VoterClaims } from '../../shared/voters/voter-keys';
import type { SessionEnds } from '../../shared/voters/session-ends';
import { assertSessionLive } from '../../shared/voters/voter-sessions';
import { shanghaiDay } from '../../shared/votes/days';
import type { VoterKeysSource } from '../runtime/adapters';

/**
 * The voter behind the request's `Authorization: Bearer <voter token>`; 401 without a valid one or
 * after the voter ended it (DELETE /voter/session). `ballotChecksToday`: the caller's ballot writes check a session
 * begun today (the vote route; docs/counting.md, "Ending a session"), so only an older one is checked here.
 */
export const requireVoter = async (
  event: HttpEvent,
  now: Date,
  { voterKeys, voters }: { voterKeys: VoterKeysSource; voters: SessionEnds },
  { ballotChecksToday = false } = {},
): Promise<VoterClaims> => {
  const token = bearerToken(event);
  if (!token)
    throw new UnauthorizedError(
      say(
        '请先验证手机号（先 POST /voter/otp，再 POST /voter/session），并附上投票令牌',
        'Verify your phone number first (POST /voter/otp, then POST /voter/session) and send the voter token',
      ),
    );
  const voter = (await voterKeys()).verifyToken(token, now);
  if (!ballotChecksToday || shanghaiDay(voter.issuedAt) !== shanghaiDay(now))
    await assertSessionLive(voter, { voters });
  return voter;
};
