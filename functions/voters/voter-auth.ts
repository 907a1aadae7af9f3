/** The voter behind a request: the voter token in `Authorization: Bearer`, verified with the voter keys. */
import { UnauthorizedError } from '../../shared/errors';
import { bearerToken } from '../../shared/http/identity';
import type { HttpEvent } from '../../shared/http/with-http';
import type { VoterClaims } from '../../shared/voters/voter-keys';
import type { VoterKeysSource } from '../runtime/adapters';

/** The voter behind the request's `Authorization: Bearer <voter token>`; 401 without a valid one. */
export const requireVoter = async (event: HttpEvent, now: Date, voterKeys: VoterKeysSource): Promise<VoterClaims> => {
  const token = bearerToken(event);
  if (!token)
    throw new UnauthorizedError(
      'Verify your phone number first (POST /voter/otp, then POST /voter/session) and send the voter token',
    );
  return (await voterKeys()).verifyToken(token, now);
};
