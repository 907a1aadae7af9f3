/**
 * Live counts (GET /campaigns/{cid}/tally) as the campaign configures them (`voting.liveCounts`):
 * `live` for anyone; `hidden` for admins only until the results are public; `daily` for anyone,
 * but the public sees the snapshot as of the end of the previous Shanghai day. Admins always see
 * the live figures; from `announcement` on (results public) everyone does, whatever the setting.
 * The response's `mode` says what it shows (`live` or the `daily` snapshot); `liveCounts` is the
 * campaign's setting.
 */
import { type Actor, hasRole } from '../auth/actor';
import type { Campaign, Category } from '../campaigns/schema';
import { hasReached } from '../campaigns/schema';
import { ForbiddenError, say } from '../errors';
import { shanghaiDay, startOfShanghaiDay } from './days';

export interface TallyDeps {
  candidates(campaignId: string): Promise<Map<string, Category>>;
  counters(
    campaignId: string,
    candidateIds: string[],
  ): Promise<Array<{ candidateId: string; day: string; votes: number }>>;
  now?: () => Date;
}

/**
 * Whether the caller may see live counts: the tally is public (`live`, or results public from `announcement` on) or the
 * caller is an admin.
 */
export const liveCountsVisible = (campaign: Campaign, actor: Actor | undefined): boolean =>
  hasReached(campaign.stage, 'announcement') ||
  campaign.config.voting.liveCounts === 'live' ||
  (actor !== undefined && hasRole(actor, 'admin'));

/**
 * The counts the caller may see, with the instant they are as of and the mode they are shown in (live once results are
 * public).
 */
export const readTally = async (campaign: Campaign, actor: Actor | undefined, deps: TallyDeps) => {
  const now = (deps.now ?? (() => new Date()))();
  const setting = campaign.config.voting.liveCounts;
  const full = liveCountsVisible(campaign, actor);
  if (!full && setting === 'hidden')
    throw new ForbiddenError(say('结果公布前不显示得票数', 'Vote counts are hidden until the results are published'));
  const today = shanghaiDay(now);
  const candidates = await deps.candidates(campaign.id);
  const rows = await deps.counters(campaign.id, [...candidates.keys()]);
  const votes = new Map<string, number>([...candidates.keys()].map((id) => [id, 0]));
  for (const row of rows)
    if (full || row.day < today) votes.set(row.candidateId, (votes.get(row.candidateId) ?? 0) + row.votes);
  return {
    campaignId: campaign.id,
    mode: full ? ('live' as const) : ('daily' as const),
    liveCounts: setting,
    asOf: full ? now.toISOString() : startOfShanghaiDay(today).toISOString(),
    candidates: [...votes]
      .map(([candidateId, n]) => ({ candidateId, category: candidates.get(candidateId)!, votes: n }))
      .sort((a, b) => b.votes - a.votes || a.candidateId.localeCompare(b.candidateId)),
  };
};
