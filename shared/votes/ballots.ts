/**
 * Deciding votes at the door (docs/counting.md, option B). The ballot item of (campaign, voter,
 * Shanghai day, category) holds the receipts counted per candidate; a vote counts when its
 * candidate has fewer than `perCandidatePerDay` votes there and, for a new candidate, fewer than
 * `candidatesPerCategoryPerDay` candidates are there. Each decision is a conditional write on that
 * item, and DynamoDB orders writes on one item: a voter's requests are decided in the order the API
 * accepted them, whatever the queue does later. The votes of one request that go to one ballot are
 * tried in ONE write (the common case), one by one only when that write is refused.
 * Every write also checks the voter's session (docs/counting.md, "Ending a session"): ending sessions marks the day's
 * ballots `ended`, and a write for a session begun at or before that mark is refused with 401.
 */
import type { Category } from '../campaigns/schema';
import { sessionEndedError } from '../voters/voter-sessions';

export type DoorStatus = 'counted' | 'duplicate' | 'over_limit';
export type VoteStatus = DoorStatus | 'voided';

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

/** A ballot item as stored: receipts per candidate (a voided vote keeps its place). */
export interface BallotState {
  receipts: Map<string, string[]>;
  /** Distinct candidates voted for. */
  distinct: number;
  /** When the voter last ended their sessions this day (epoch ms), if they did. */
  ended?: number;
}

export type WriteResult = { ok: true } | { ok: false; state: BallotState | undefined };

export interface BallotVote {
  receiptId: string;
  candidateId: string;
}

/**
 * The ballot writes the vote path needs (DynamoDB in `ballot-repository.ts`). Each carries the start of the voter's
 * session (`issuedAt`) and is also refused when the ballot is marked `ended` at or after it.
 */
export interface BallotStore {
  /** Adds first votes for candidates that have none on this ballot, if all are new and there is room for all. */
  addFirstVotes(key: BallotKey, votes: BallotVote[], limits: VoteLimits, issuedAt: Date): Promise<WriteResult>;
  /** Adds one more vote for a candidate that has some, below `perCandidatePerDay`. */
  addRepeatVote(key: BallotKey, vote: BallotVote, limits: VoteLimits, issuedAt: Date): Promise<WriteResult>;
  /**
   * Takes back votes written for a request that ends in an error (the queue refused it, or another write of it failed):
   * the voter gets the error, not a receipt. Votes not on the ballot are skipped.
   */
  removeVotes(key: BallotKey, votes: BallotVote[]): Promise<void>;
  /**
   * After a failed SendMessage (the queue may have stored the message all the same): writes the request's ledger item
   * as withdrawn (no receipts, no run's mark) unless the consumer has claimed it already. True when withdrawn: the
   * consumer will skip the message; false when it was claimed: it counts.
   */
  withdrawRequest(request: WithdrawnRequest): Promise<boolean>;
}

export interface WithdrawnRequest {
  campaignId: string;
  requestId: string;
  voterId: string;
  day: string;
  acceptedAt: string;
}

/** Ending a voter's sessions on a ballot (DELETE /voter/session; DynamoDB in `ballot-repository.ts`). */
export interface BallotSessionEnds {
  /** Marks the ballot `ended` at `at` (never moving an existing mark back), creating it without votes if absent. */
  endSessions(key: BallotKey, at: Date): Promise<void>;
}

const MAX_ATTEMPTS = 20;

type Decision = { kind: 'done'; status: DoorStatus } | { kind: 'try-first' } | { kind: 'try-repeat' };

/** What the ballot as it stands says about one vote. */
export const decideVote = (
  state: BallotState | undefined,
  receiptId: string,
  candidateId: string,
  limits: VoteLimits,
): Decision => {
  if (!state) return { kind: 'try-first' };
  const list = state.receipts.get(candidateId) ?? [];
  if (list.includes(receiptId)) return { kind: 'done', status: 'counted' };
  if (list.length >= limits.perCandidatePerDay) return { kind: 'done', status: 'duplicate' };
  if (list.length === 0)
    return state.distinct >= limits.candidatesPerCategoryPerDay
      ? { kind: 'done', status: 'over_limit' }
      : { kind: 'try-first' };
  return { kind: 'try-repeat' };
};

/** The store's writes for a session begun at `issuedAt`: 401 once a refused write shows the voter ended it. */
const forSession = (store: BallotStore, issuedAt: Date) => {
  const checked = (result: WriteResult) => {
    // Token times are whole seconds: a session begun in the second of the end ends too.
    if (!result.ok && issuedAt.getTime() <= (result.state?.ended ?? Number.NaN)) throw sessionEndedError();
    return result;
  };
  return {
    addFirstVotes: async (key: BallotKey, votes: BallotVote[], limits: VoteLimits) =>
      checked(await store.addFirstVotes(key, votes, limits, issuedAt)),
    addRepeatVote: async (key: BallotKey, vote: BallotVote, limits: VoteLimits) =>
      checked(await store.addRepeatVote(key, vote, limits, issuedAt)),
  };
};

/** Settles one vote from a known ballot state, writing until the outcome is certain. */
const settle = async (
  store: ReturnType<typeof forSession>,
  key: BallotKey,
  vote: BallotVote,
  limits: VoteLimits,
  state: BallotState | undefined,
): Promise<DoorStatus> => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const decision = decideVote(state, vote.receiptId, vote.candidateId, limits);
    if (decision.kind === 'done') return decision.status;
    const result =
      decision.kind === 'try-first'
        ? await store.addFirstVotes(key, [vote], limits)
        : await store.addRepeatVote(key, vote, limits);
    if (result.ok) return 'counted';
    state = result.state;
  }
  throw new Error(`Receipt ${vote.receiptId}: the ballot kept changing`);
};

/** Takes back the votes of a request that ends in an error (queue refused, session ended): no place without a message. */
export const takeBack = async (
  { campaignId, voterId, day }: { campaignId: string; voterId: string; day: string },
  votes: Array<BallotVote & { category: Category }>,
  store: BallotStore,
): Promise<void> => {
  for (const category of new Set(votes.map((v) => v.category)))
    await store.removeVotes(
      { campaignId, voterId, day, category },
      votes.filter((v) => v.category === category),
    );
};

/**
 * Decides every vote of one request on the voter's ballots of the day; statuses in request order. Every write checks
 * the session (401 once ended). When any write fails, every vote of the request is taken back before the error goes
 * on.
 */
export const decideRequest = async (
  request: {
    campaignId: string;
    voterId: string;
    day: string;
    votes: Array<BallotVote & { category: Category }>;
    /** When the voter's session began. */
    issuedAt: Date;
  },
  limits: VoteLimits,
  ballots: BallotStore,
): Promise<DoorStatus[]> => {
  const store = forSession(ballots, request.issuedAt);
  const statuses: DoorStatus[] = new Array(request.votes.length);
  const byCategory = new Map<Category, number[]>();
  for (const [i, v] of request.votes.entries()) byCategory.set(v.category, [...(byCategory.get(v.category) ?? []), i]);
  const outcomes = await Promise.allSettled(
    [...byCategory].map(async ([category, indexes]) => {
      const key: BallotKey = { campaignId: request.campaignId, voterId: request.voterId, day: request.day, category };
      const votes = indexes.map((i) => request.votes[i]!);
      // The common case in one write: every candidate new on this ballot, and room for all.
      const first =
        votes.length <= limits.candidatesPerCategoryPerDay
          ? await store.addFirstVotes(key, votes, limits)
          : { ok: false as const, state: undefined };
      if (first.ok) {
        for (const i of indexes) statuses[i] = 'counted';
        return;
      }
      // Decided in request order from the state the refused write returned: the new candidates that
      // fit in one more write when that state still stands, else one by one.
      const state = first.state;
      if (state && limits.perCandidatePerDay === 1) {
        let room = limits.candidatesPerCategoryPerDay - state.distinct;
        const fits = indexes.filter((i) => {
          const taken = state.receipts.has(request.votes[i]!.candidateId);
          if (!taken && room > 0) room -= 1;
          else statuses[i] = taken ? 'duplicate' : 'over_limit';
          return !taken && statuses[i] === undefined;
        });
        const rest = fits.map((i) => request.votes[i]!);
        if (rest.length === 0 || (await store.addFirstVotes(key, rest, limits)).ok) {
          for (const i of fits) statuses[i] = 'counted';
          return;
        }
        for (const i of indexes) delete statuses[i];
      }
      let known = state;
      for (const [n, i] of indexes.entries()) {
        statuses[i] = await settle(store, key, votes[n]!, limits, known);
        known = undefined;
      }
    }),
  );
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) {
    // One category's writes may have gone through while the other's failed (a session ended between them).
    await takeBack(request, request.votes, ballots);
    throw failed.reason;
  }
  return statuses;
};
