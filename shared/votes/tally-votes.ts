/**
 * The consumer's rules (SPEC.md "Voting": a vote accepted by the API is never lost and never
 * counted twice, whatever the queue redelivers).
 *
 * 1. Per vote, a conditional write on its natural key decides the outcome exactly: the ballot item
 *    of (campaign, voter, Shanghai day, category) holds the receipts counted per candidate. A vote
 *    counts when its candidate has fewer than `perCandidatePerDay` votes there and, for a new
 *    candidate, fewer than `candidatesPerCategoryPerDay` candidates are there. The votes of one
 *    message that go to one ballot are tried in ONE write (the common case: a voter picks several
 *    candidates at once), one by one only when that write is refused.
 * 2. Counted votes go to per-candidate, per-day counters, one write per counter per batch.
 *
 * Crash safety between 1 and 2: each run (one batch) has a token; the ballot write records, per
 * receipt, the token of the run that counted it, and a counter write adds the run's token to the
 * counter's token set in the same write (skipped if already there). When a message comes back and
 * finds its vote already counted by run T0, the vote is done if T0's token is in the counter;
 * otherwise T0 died before its counter write, and this run takes the vote over (a conditional
 * write moves the receipt from T0 to this run) and counts it. A run never writes a counter after
 * its lease (the consumer's timeout), and takes a vote over only from a run older than twice the
 * lease, so a slow run and its successor can never both add the same vote.
 */
import { randomBytes } from 'node:crypto';
import type { Category } from '../campaigns/schema';
import { voteMessageSchema, type VoteMessage } from './vote-message';

export type VoteStatus = 'counted' | 'duplicate' | 'over_limit' | 'voided';

export interface VoteLimits {
  perCandidatePerDay: number;
  candidatesPerCategoryPerDay: number;
}

export interface BallotKey {
  campaignId: string;
  voterId: string;
  day: string;
  category: Category;
}

/** A ballot item as stored: receipts per candidate, the run token per receipt, voids per receipt. */
export interface BallotState {
  receipts: Map<string, string[]>;
  tokens: Map<string, string>;
  voided: Map<string, string>;
  /** Distinct candidates voted for. */
  distinct: number;
}

export type WriteResult = { ok: true } | { ok: false; state: BallotState | undefined };

export interface RequestOutcome {
  message: VoteMessage;
  statuses: VoteStatus[];
}

/** The storage the consumer needs (DynamoDB in `vote-repository.ts`). */
export interface TallyStore {
  /** Adds first votes for candidates that have none on this ballot, if all are new and there is room for all. */
  addFirstVotes(
    key: BallotKey,
    votes: Array<{ receiptId: string; candidateId: string }>,
    token: string,
    limits: VoteLimits,
  ): Promise<WriteResult>;
  /** Adds one more vote for a candidate that has some, below `perCandidatePerDay`. */
  addRepeatVote(
    key: BallotKey,
    vote: { receiptId: string; candidateId: string },
    token: string,
    limits: VoteLimits,
  ): Promise<WriteResult>;
  /** Moves a counted receipt from a dead run's token to this run's; false when it no longer carries `from`. */
  takeOver(key: BallotKey, receiptId: string, from: string, to: string): Promise<boolean>;
  /** Whether the run's contribution is in the counter. */
  contributionApplied(campaignId: string, candidateId: string, day: string, token: string): Promise<boolean>;
  /** Adds `delta` to the counter under `token`, once: a second call with the same token changes nothing. */
  applyContribution(campaignId: string, candidateId: string, day: string, token: string, delta: number): Promise<void>;
  /** Records each request's outcomes: the vote ledger (receipts, the recount) and the voter's own list (votes/mine). */
  recordOutcomes(outcomes: RequestOutcome[]): Promise<void>;
}

export interface TallyDeps {
  store: TallyStore;
  /** The campaign's limits, as frozen when voting opened; undefined for an unknown campaign. */
  limits(campaignId: string): Promise<VoteLimits | undefined>;
  /** Brushing signals of the counted requests (flags.ts); failures here never fail a vote. */
  observe?(outcomes: RequestOutcome[]): Promise<void>;
  now?: () => Date;
  /** The consumer's timeout: no counter write after it; votes of runs older than twice it may be taken over. */
  leaseMs: number;
}

/** A message that can never be processed (not a vote message, unknown campaign): it ends in the DLQ. */
export class PoisonMessageError extends Error {}

/** A vote another run counted moments ago and may still be adding up: retry after the visibility timeout. */
export class VoteInProgressError extends Error {}

const MAX_ATTEMPTS = 20;
const COUNTER_CONCURRENCY = 16;

const newToken = (at: Date) => `${at.getTime().toString(36)}.${randomBytes(5).toString('hex')}`;
const tokenStart = (token: string) => parseInt(token.split('.')[0] ?? '', 36);

type Decision =
  | { kind: 'done'; status: VoteStatus }
  | { kind: 'counted-before'; token: string }
  | { kind: 'try-first' }
  | { kind: 'try-repeat' };

/** What the ballot as it stands says about one vote. */
export const decideVote = (
  state: BallotState | undefined,
  receiptId: string,
  candidateId: string,
  limits: VoteLimits,
): Decision => {
  if (!state) return { kind: 'try-first' };
  if (state.voided.has(receiptId)) return { kind: 'done', status: 'voided' };
  const list = state.receipts.get(candidateId) ?? [];
  if (list.includes(receiptId)) return { kind: 'counted-before', token: state.tokens.get(receiptId) ?? '' };
  if (list.length >= limits.perCandidatePerDay) return { kind: 'done', status: 'duplicate' };
  if (list.length === 0)
    return state.distinct >= limits.candidatesPerCategoryPerDay
      ? { kind: 'done', status: 'over_limit' }
      : { kind: 'try-first' };
  return { kind: 'try-repeat' };
};

/**
 * One consumer run over one batch: `count` each message (concurrently), then `finish` writes the
 * counters once per candidate and day, and the ledger. Returns the ids of messages to retry.
 */
export const startTallyRun = (deps: TallyDeps) => {
  const now = deps.now ?? (() => new Date());
  const startedAt = now();
  const token = newToken(startedAt);
  const contributions = new Map<
    string,
    { campaignId: string; candidateId: string; day: string; delta: number; messages: Set<string> }
  >();
  const outcomes = new Map<string, RequestOutcome>();
  const limitsByCampaign = new Map<string, Promise<VoteLimits | undefined>>();

  const contribute = (messageId: string, m: VoteMessage, candidateId: string) => {
    const key = `${m.campaignId}\u0000${candidateId}\u0000${m.day}`;
    const entry = contributions.get(key) ?? {
      campaignId: m.campaignId,
      candidateId,
      day: m.day,
      delta: 0,
      messages: new Set<string>(),
    };
    entry.delta += 1;
    entry.messages.add(messageId);
    contributions.set(key, entry);
  };

  /** Settles one vote from a known ballot state, writing until the outcome is certain. */
  const settle = async (
    messageId: string,
    m: VoteMessage,
    key: BallotKey,
    vote: { receiptId: string; candidateId: string },
    limits: VoteLimits,
    state: BallotState | undefined,
  ): Promise<VoteStatus> => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const decision = decideVote(state, vote.receiptId, vote.candidateId, limits);
      if (decision.kind === 'done') return decision.status;
      if (decision.kind === 'counted-before') {
        if (decision.token === token) return 'counted';
        if (await deps.store.contributionApplied(m.campaignId, vote.candidateId, m.day, decision.token))
          return 'counted';
        if (now().getTime() - tokenStart(decision.token) <= 2 * deps.leaseMs) {
          throw new VoteInProgressError(
            `Receipt ${vote.receiptId} was counted by a run that may still be adding it up`,
          );
        }
        if (await deps.store.takeOver(key, vote.receiptId, decision.token, token)) {
          contribute(messageId, m, vote.candidateId);
          return 'counted';
        }
        state = undefined;
        continue;
      }
      const result =
        decision.kind === 'try-first'
          ? await deps.store.addFirstVotes(key, [vote], token, limits)
          : await deps.store.addRepeatVote(key, vote, token, limits);
      if (result.ok) {
        contribute(messageId, m, vote.candidateId);
        return 'counted';
      }
      state = result.state;
    }
    throw new Error(`Receipt ${vote.receiptId}: the ballot kept changing; retrying the message`);
  };

  return {
    token,

    /** Decides every vote of one message; throws for this message only. */
    async count(messageId: string, body: string): Promise<void> {
      let message: VoteMessage;
      try {
        message = voteMessageSchema.parse(JSON.parse(body));
      } catch {
        throw new PoisonMessageError(`Message ${messageId} is not a vote message`);
      }
      const m = message;
      if (!limitsByCampaign.has(m.campaignId)) limitsByCampaign.set(m.campaignId, deps.limits(m.campaignId));
      const limits = await limitsByCampaign.get(m.campaignId)!;
      if (!limits) throw new PoisonMessageError(`Message ${messageId} names an unknown campaign`);

      const statuses: VoteStatus[] = new Array(m.votes.length);
      const byCategory = new Map<Category, number[]>();
      for (const [i, v] of m.votes.entries()) byCategory.set(v.category, [...(byCategory.get(v.category) ?? []), i]);
      await Promise.all(
        [...byCategory].map(async ([category, indexes]) => {
          const key: BallotKey = { campaignId: m.campaignId, voterId: m.voterId, day: m.day, category };
          const votes = indexes.map((i) => m.votes[i]!);
          // The common case in one write: every candidate new on this ballot, and room for all.
          const first =
            votes.length <= limits.candidatesPerCategoryPerDay
              ? await deps.store.addFirstVotes(key, votes, token, limits)
              : { ok: false as const, state: undefined };
          if (first.ok) {
            for (const [n, i] of indexes.entries()) {
              contribute(messageId, m, votes[n]!.candidateId);
              statuses[i] = 'counted';
            }
            return;
          }
          // One by one, in request order, from the state the refused write returned.
          for (const [n, i] of indexes.entries()) {
            statuses[i] = await settle(messageId, m, key, votes[n]!, limits, first.state);
            first.state = undefined;
          }
        }),
      );
      outcomes.set(messageId, { message: m, statuses });
    },

    /** Writes the counters (one write per candidate and day) and the ledger; returns the message ids to retry. */
    async finish(): Promise<string[]> {
      const failed = new Set<string>();
      const entries = [...contributions.values()];
      if (now().getTime() - startedAt.getTime() > deps.leaseMs) {
        for (const entry of entries) for (const id of entry.messages) failed.add(id);
      } else {
        for (let i = 0; i < entries.length; i += COUNTER_CONCURRENCY) {
          await Promise.all(
            entries.slice(i, i + COUNTER_CONCURRENCY).map(async (entry) => {
              try {
                if (now().getTime() - startedAt.getTime() > deps.leaseMs) throw new Error('lease expired');
                await deps.store.applyContribution(entry.campaignId, entry.candidateId, entry.day, token, entry.delta);
              } catch {
                for (const id of entry.messages) failed.add(id);
              }
            }),
          );
        }
      }
      const done = [...outcomes].filter(([id]) => !failed.has(id)).map(([, outcome]) => outcome);
      try {
        await deps.store.recordOutcomes(done);
      } catch {
        for (const [id] of outcomes) failed.add(id);
        return [...failed];
      }
      await deps.observe?.(done).catch(() => undefined);
      return [...failed];
    },
  };
};
