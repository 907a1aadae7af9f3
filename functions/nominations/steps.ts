/**
 * What the nomination steps share: access checked before the body is read, and the submit check's count of verified
 * uploads.
 */
import type { Actor } from '../../shared/auth/actor';
import type { Bilingual } from '../../shared/errors';
import { onlyBy, readableOr404 } from '../../shared/nominations/access';
import type { Nomination } from '../../shared/nominations/nomination';
import type { UploadDeps as NominationUploadDeps } from '../../shared/nominations/nominations';
import { summarizeUploads } from '../../shared/uploads/uploads';
import type { DepsOf } from '../runtime/adapter';
import { campaigns, nominations, uploads } from '../runtime/adapters';

type NominationReader = { get(nid: string): Promise<Nomination | undefined> };

/**
 * Authorise before validating: loads the nomination and checks the caller's right to the step (404
 * when not theirs to see, 403 `此事项只能由<who>办理` / `Only <who> may do this` when seen but not theirs to act on), so a
 * bad body is judged only for those who may act. Returns the repository with that nomination
 * preloaded: the use case checks it again on the same item, without a second read.
 */
export const authorizedStep = async <R extends NominationReader>(
  repository: R,
  nid: string,
  actor: Actor,
  allowed: (actor: Actor, nomination: Nomination) => boolean,
  who: Bilingual,
): Promise<R> => {
  const nomination = readableOr404(actor, nid, await repository.get(nid));
  if (!allowed(actor, nomination)) throw onlyBy(who);
  return { ...repository, get: async (id: string) => (id === nomination.id ? nomination : repository.get(id)) };
};

/** The adapters of the steps that count verified uploads (submit, endorse). */
export const uploadStepUses = { nominations: nominations.write, campaigns: campaigns.read, uploads: uploads.read };

/** Only the steps that count verified uploads reach the uploads concept. */
export const uploadStepDeps = (deps: DepsOf<typeof uploadStepUses>): NominationUploadDeps => ({
  nominations: deps.nominations,
  campaigns: deps.campaigns,
  uploads: (nid) => summarizeUploads(nid, deps),
});
