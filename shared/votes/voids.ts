/**
 * Voiding votes (SPEC.md: admins void suspicious votes with a reason recorded). A void removes
 * counted votes from the counts and writes a public ledger entry: what was voided, why, and each
 * affected candidate's count before and after (shown only where the tally is: `voidLedgerFor`).
 * It is idempotent: the void's id is derived from the campaign and the receipts; the void takes a
 * counter lane (counter-lanes.ts) whose plan is the ledger items it touches, marks each receipt in
 * the ledger with its id and the lane's mark (a receipt is voided once, by one void), and subtracts
 * under the same mark. A retried void (after a crash anywhere) finishes the earlier attempt's lane
 * first, so it never removes a vote twice; while that attempt may still be running, it is refused
 * (409 `VOID_IN_PROGRESS`), to be retried.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../auth/actor';
import type { Campaign, Category } from '../campaigns/schema';
import { ConflictError, NotFoundError, RuleViolationError, say } from '../errors';
import type { LanePool } from './counter-lanes';
import type { FlagStore } from './flags';
import { liveCountsVisible } from './tally';
import { parseReceiptId } from './vote-message';
import type { LedgerRequest, VoteRepository } from './vote-repository';

export const MAX_RECEIPTS_PER_VOID = 5000;

export interface VoidEntry {
  voidId: string;
  campaignId: string;
  at: string;
  by: string;
  reason: string;
  flagId?: string;
  /** Receipts this void removed from the counts. */
  receiptIds: string[];
  /** Receipts named but not voided here (unknown, not counted, or voided by an earlier void). */
  skipped: number;
  counts: Array<{ candidateId: string; category: Category; before: number; voided: number; after: number }>;
  status: 'pending' | 'done';
}

export interface VoidStore {
  get(campaignId: string, voidId: string): Promise<VoidEntry | undefined>;
  /** Stores the entry unless one with its id exists; returns the stored one. */
  begin(entry: VoidEntry): Promise<VoidEntry>;
  complete(entry: VoidEntry): Promise<void>;
  list(campaignId: string): Promise<VoidEntry[]>;
}

export interface VoidDeps {
  votes: Pick<VoteRepository, 'ledgerRequest' | 'counters' | 'voidReceipt'>;
  lanes: LanePool;
  flags: FlagStore;
  voids: VoidStore;
  now?: () => Date;
}

const voidIdOf = (campaignId: string, receiptIds: string[]) =>
  `void-${createHash('sha256')
    .update(`${campaignId}|${[...receiptIds].sort().join(',')}`)
    .digest('hex')
    .slice(0, 16)}`;

/**
 * The void ledger as the caller may see it: counts before and after only where live counts are
 * visible to the caller (tally.ts); otherwise they would reveal the counts `hidden` or `daily`
 * keeps back, so an entry says what was voided (how many votes, of which candidates), why and when.
 */
export const voidLedgerFor = (campaign: Campaign, actor: Actor | undefined, entries: VoidEntry[]) =>
  liveCountsVisible(campaign, actor)
    ? entries
    : entries.map((entry) => ({
        ...entry,
        counts: entry.counts.map(({ candidateId, category, voided }) => ({ candidateId, category, voided })),
      }));

/** Voids the counted votes named by receipt ids or by a flag; returns the public ledger entry. */
export const voidVotes = async (
  campaign: Campaign,
  request: { receiptIds?: string[]; flagId?: string; reason: string },
  actor: Actor,
  { votes, lanes, flags, voids, now = () => new Date() }: VoidDeps,
): Promise<VoidEntry> => {
  let named = request.receiptIds ?? [];
  if (request.flagId) {
    const flag = await flags.getFlag(campaign.id, request.flagId);
    if (!flag)
      throw new NotFoundError(
        say(
          `评选活动 ${campaign.id} 中没有标记 ${request.flagId}`,
          `No flag ${request.flagId} in campaign ${campaign.id}`,
        ),
      );
    named = (await flags.signalsOf(flag)).flatMap((s) => s.receiptIds);
  }
  named = [...new Set(named)];
  if (named.length === 0)
    throw new RuleViolationError(
      'NOTHING_TO_VOID',
      say('请指明要作废的投票回执，或含有选票的标记', 'Name receipts, or a flag with votes, to void'),
    );
  if (named.length > MAX_RECEIPTS_PER_VOID)
    throw new RuleViolationError(
      'TOO_MANY_RECEIPTS',
      say(`每次作废最多 ${MAX_RECEIPTS_PER_VOID} 张回执`, `At most ${MAX_RECEIPTS_PER_VOID} receipts per void`),
    );

  const voidId = voidIdOf(campaign.id, named);
  const existing = await voids.get(campaign.id, voidId);
  if (existing?.status === 'done') return existing;

  // The counted votes among the named receipts, with where they live.
  const requests = new Map<string, LedgerRequest | undefined>();
  for (const id of named) {
    const requestId = parseReceiptId(id)?.requestId;
    if (requestId && !requests.has(requestId))
      requests.set(requestId, await votes.ledgerRequest(campaign.id, requestId));
  }
  const targets = named.flatMap((receiptId) => {
    const request = requests.get(parseReceiptId(receiptId)?.requestId ?? '');
    const receipt =
      request?.campaignId === campaign.id ? request.receipts.find((r) => r.receiptId === receiptId) : undefined;
    return receipt && (receipt.status === 'counted' || receipt.voidId === voidId)
      ? [{ request: request!, receipt }]
      : [];
  });

  const candidateIds = [...new Set(targets.map((t) => t.receipt.candidateId))];
  const totals = async () => {
    const sums = new Map(candidateIds.map((c) => [c, 0]));
    for (const row of await votes.counters(campaign.id, candidateIds))
      sums.set(row.candidateId, sums.get(row.candidateId)! + row.votes);
    return sums;
  };
  const before = existing ? new Map(existing.counts.map((c) => [c.candidateId, c.before])) : await totals();
  const entry = await voids.begin({
    voidId,
    campaignId: campaign.id,
    at: now().toISOString(),
    by: actor.username,
    reason: request.reason,
    ...(request.flagId ? { flagId: request.flagId } : {}),
    receiptIds: [],
    skipped: named.length,
    counts: candidateIds.map((candidateId) => ({
      candidateId,
      category: targets.find((t) => t.receipt.candidateId === candidateId)!.receipt.category,
      before: before.get(candidateId) ?? 0,
      voided: 0,
      after: before.get(candidateId) ?? 0,
    })),
    status: 'pending',
  });

  // Receipts an earlier attempt of this void marked: finished with that attempt's lane.
  const voided: typeof targets = targets.filter((t) => t.receipt.voidId === voidId);
  for (const tag of new Set(voided.map((t) => t.receipt.voidTag ?? ''))) {
    if (tag && (await lanes.settle(tag)) === 'busy')
      throw new ConflictError(
        'VOID_IN_PROGRESS',
        say('此项作废仍在进行，请一分钟后重试', 'This void is still in progress: retry in a minute'),
      );
  }
  const fresh = targets.filter((t) => t.receipt.voidId !== voidId);
  if (fresh.length > 0) {
    const lane = await lanes.acquire(
      [...new Set(fresh.map((t) => t.request))].map((r) => ({ campaignId: r.campaignId, requestId: r.requestId })),
    );
    const marked: typeof targets = [];
    for (const target of fresh)
      if (await votes.voidReceipt(target.request, target.receipt.receiptId, voidId, lane.tag)) marked.push(target);
    const perCounter = new Map<string, { campaignId: string; candidateId: string; day: string; delta: number }>();
    for (const { request: r, receipt } of marked) {
      const k = `${receipt.candidateId}|${r.day}`;
      const entry = perCounter.get(k) ?? {
        campaignId: campaign.id,
        candidateId: receipt.candidateId,
        day: r.day,
        delta: 0,
      };
      entry.delta -= 1;
      perCounter.set(k, entry);
    }
    await lanes.apply(lane, perCounter.values());
    lanes.release(lane);
    voided.push(...marked);
  }

  const removed = (candidateId: string) => voided.filter((t) => t.receipt.candidateId === candidateId).length;
  const done: VoidEntry = {
    ...entry,
    receiptIds: voided.map((t) => t.receipt.receiptId),
    skipped: named.length - voided.length,
    counts: entry.counts.map((c) => ({
      ...c,
      voided: removed(c.candidateId),
      after: c.before - removed(c.candidateId),
    })),
    status: 'done',
  };
  await voids.complete(done);
  return done;
};
