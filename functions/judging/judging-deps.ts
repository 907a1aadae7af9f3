/** What the judging use cases need: the campaign, the judging records and the candidates (from the nominations). */
import type { Actor } from '../../shared/auth/actor';
import { getCampaign } from '../../shared/campaigns/campaigns';
import { ForbiddenError, say } from '../../shared/errors';
import { requireRole } from '../../shared/http/identity';
import { pathParam } from '../../shared/http/request';
import type { HttpEvent } from '../../shared/http/with-http';
import { nominationCandidates } from '../../shared/judging/candidates';
import type { JudgingDeps } from '../../shared/judging/judging';
import type { DepsOf } from '../runtime/adapter';
import { campaigns, judging, nominations } from '../runtime/adapters';

/** The adapters of routes that read judging; writing routes name `judging.write` (or `campaigns.write`) instead. */
export const judgingReadUses = { campaigns: campaigns.read, judging: judging.read, nominations: nominations.read };

export const judgingDeps = (deps: DepsOf<typeof judgingReadUses>): JudgingDeps => ({
  campaigns: deps.campaigns,
  judging: deps.judging,
  candidates: nominationCandidates(deps.nominations),
});

/**
 * The judge's scope, checked before the body is read: the role (403), the campaign (404) and the
 * caller being one of its judges (403), as the use case checks them first, so an outsider never
 * learns the body's rules. Returns the judge and the campaign id of the path.
 */
export const requireJudgeOf = async (event: HttpEvent, deps: JudgingDeps): Promise<{ actor: Actor; cid: string }> => {
  const actor = requireRole(event, 'judge');
  const campaign = await getCampaign(pathParam(event, 'cid'), deps, actor);
  if (!(await deps.judging.listJudges(campaign.id)).some((j) => j.username === actor.username))
    throw new ForbiddenError(
      say(`您不是评选活动 ${campaign.id} 的评审专家`, `You are not a judge of campaign ${campaign.id}`),
    );
  return { actor, cid: campaign.id };
};
