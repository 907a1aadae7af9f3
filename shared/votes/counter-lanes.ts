/**
 * Exactly-once counter writes with counters of a fixed size (docs/counting.md, "Lanes"). A writer
 * (a consumer run, or a void) holds one of a fixed set of lanes; each use of a lane has the next
 * sequence number of that lane and a plan (the ledger items it will tag with `<lane>:<seq>`). A
 * counter write carries the same mark and applies only if the counter's mark for that lane is lower,
 * so a counter holds at most one number per lane, whatever the number of runs and voids.
 *
 * A lane's use `s` is finished once the lane moved past `s`: its holder moves it only after the use
 * succeeded, and a taker moves it only after re-applying the use's plan (recomputed from the ledger
 * items tagged with its mark; applied parts are skipped by the counters' condition). A lane may be
 * taken from its holder once its lease is over twice: a writer writes nothing after its lease.
 */
import { randomBytes } from 'node:crypto';
import type { Category } from '../campaigns/schema';
import { backlogCounter } from './backlog';
import type { VoteStatus } from './ballots';

/** Where a request's ledger item lives. */
export interface LedgerKey {
  campaignId: string;
  requestId: string;
}

export interface LedgerReceipt {
  receiptId: string;
  candidateId: string;
  category: Category;
  status: VoteStatus;
  voidId?: string;
  /** The mark of the void that removed this receipt from its counter. */
  voidTag?: string;
}

export interface LedgerRequest extends LedgerKey {
  voterId: string;
  day: string;
  acceptedAt: string;
  receipts: LedgerReceipt[];
  /** The mark of the run that counted this request. */
  tag?: string;
}

export interface LaneState {
  lane: number;
  seq: number;
  owner: string;
  /** Epoch ms: the holder writes nothing after this. */
  until: number;
  plan: LedgerKey[];
}

export interface CounterKey {
  campaignId: string;
  candidateId: string;
  day: string;
}

/** The storage lanes need (DynamoDB in `vote-repository.ts`). */
export interface LaneStore {
  lanes(): Promise<LaneState[]>;
  lane(lane: number): Promise<LaneState | undefined>;
  /**
   * Writes `to` over `from` (or over nothing, when `from` is undefined); false when the lane changed since it was read.
   */
  moveLane(lane: number, from: LaneState | undefined, to: Omit<LaneState, 'lane'>): Promise<boolean>;
  /** Adds `delta` under the mark `lane:seq`, once: skipped when the counter's mark for the lane is `seq` or later. */
  addToCounter(counter: CounterKey, lane: number, seq: number, delta: number): Promise<void>;
  /** The ledger items of these keys that exist (strongly consistent). */
  ledgerItems(keys: LedgerKey[]): Promise<LedgerRequest[]>;
}

const tagOf = (lane: number, seq: number) => `${lane}:${seq}`;
const parseTag = (tag: string) => {
  const [lane, seq] = tag.split(':').map(Number);
  return { lane: lane!, seq: seq! };
};
const counterId = (c: CounterKey) => `${c.campaignId}\u0000${c.candidateId}\u0000${c.day}`;

/**
 * What the ledger items tagged `tag` add to each counter: +1 per vote a run counted, -1 per vote a void removed. The
 * backlog's counters come last: the close may read a campaign's votes as counted only once its candidates have them.
 */
export const contributionsOf = (items: LedgerRequest[], tag: string): Map<string, CounterKey & { delta: number }> => {
  const sums = new Map<string, CounterKey & { delta: number }>();
  const backlog = new Map<string, CounterKey & { delta: number }>();
  const add = (to: typeof sums, key: CounterKey, delta: number) => {
    const entry = to.get(counterId(key)) ?? { ...key, delta: 0 };
    entry.delta += delta;
    to.set(counterId(key), entry);
  };
  for (const item of items)
    for (const r of item.receipts) {
      const counter = { campaignId: item.campaignId, candidateId: r.candidateId, day: item.day };
      // A voided vote was counted first: the run that counted it added it, to its counter and to the backlog's.
      if (item.tag === tag && (r.status === 'counted' || r.status === 'voided')) {
        add(sums, counter, 1);
        add(backlog, backlogCounter(item.campaignId), 1);
      }
      if (r.voidTag === tag) add(sums, counter, -1);
    }
  return new Map([...sums, ...backlog]);
};

export const LANES = 64;

/**
 * The votes consumer's timeout, also a lane's lease: no counter write after it, and a lane may be
 * taken over once it is over twice. The stack reads it as the consumer's `timeoutSeconds` (and
 * checks the queue's visibility timeout is at least six times it). The consumer's maximum
 * concurrency (infra/definitions.ts) stays well below `LANES`, leaving lanes for voids.
 */
export const TALLY_TIMEOUT_SECONDS = 30;

export type HeldLane = LaneState & { tag: string };

export interface LanePool {
  /**
   * A lane for one use with this plan: one this process holds, else a free one, else one whose holder is gone (finished
   * first).
   */
  acquire(plan: LedgerKey[]): Promise<HeldLane>;
  /** Gives back a lane whose use succeeded (its next use marks this one finished). */
  release(lane: HeldLane): void;
  /** Whether the use `tag` is finished; finishes it when its holder is gone. `busy` while it may still be running. */
  settle(tag: string): Promise<'done' | 'busy'>;
  /** Applies a held lane's contributions (the writer's own, computed from the same ledger items a taker would read). */
  apply(lane: HeldLane, contributions: Iterable<CounterKey & { delta: number }>): Promise<void>;
}

export const createLanePool = ({
  store,
  leaseMs,
  lanes = LANES,
  now = () => Date.now(),
}: {
  store: LaneStore;
  leaseMs: number;
  lanes?: number;
  now?: () => number;
}): LanePool => {
  const owner = randomBytes(6).toString('hex');
  const idle: HeldLane[] = [];
  /** Settles in progress, by tag: the messages of one dead run meet it together. */
  const settling = new Map<string, Promise<'done' | 'busy'>>();
  const held = (state: LaneState): HeldLane => ({ ...state, tag: tagOf(state.lane, state.seq) });
  const gone = (state: LaneState) => now() > state.until + leaseMs;

  const apply = async (lane: HeldLane, contributions: Iterable<CounterKey & { delta: number }>) => {
    for (const c of contributions) {
      if (c.delta === 0) continue;
      if (now() > lane.until) throw new Error(`Lane ${lane.tag}: lease over, counter not written`);
      await store.addToCounter(c, lane.lane, lane.seq, c.delta);
    }
  };

  const advance = async (lane: HeldLane, plan: LedgerKey[]): Promise<HeldLane | undefined> => {
    const next = { seq: lane.seq + 1, owner, until: now() + leaseMs, plan };
    return (await store.moveLane(lane.lane, lane, next)) ? held({ lane: lane.lane, ...next }) : undefined;
  };

  /**
   * Takes a lane whose holder is gone, finishes its last use, and moves it past that use (so every
   * process sees the use finished); returns it held by this process, with nothing planned.
   */
  const takeOver = async (state: LaneState): Promise<HeldLane | undefined> => {
    const taken = { seq: state.seq, owner, until: now() + leaseMs, plan: state.plan };
    if (!(await store.moveLane(state.lane, state, taken))) return undefined;
    const lane = held({ lane: state.lane, ...taken });
    const items = state.plan.length > 0 ? await store.ledgerItems(state.plan) : [];
    await apply(lane, contributionsOf(items, lane.tag).values());
    return advance(lane, []);
  };

  return {
    apply,

    async acquire(plan) {
      for (let lane = idle.pop(); lane; lane = idle.pop()) {
        const next = await advance(lane, plan);
        if (next) return next;
      }
      const states = new Map((await store.lanes()).map((s) => [s.lane, s]));
      // Lanes left by a gone holder first (their last use gets finished), then never used ones.
      const stale = [...states.values()].filter(gone);
      for (const state of stale) {
        const taken = await takeOver(state);
        const next = taken && (await advance(taken, plan));
        if (next) return next;
      }
      for (let n = 0; n < lanes; n++) {
        if (states.has(n)) continue;
        const first = { seq: 1, owner, until: now() + leaseMs, plan };
        if (await store.moveLane(n, undefined, first)) return held({ lane: n, ...first });
      }
      throw new Error('Every counter lane is in use: more writers than lanes');
    },

    release(lane) {
      idle.push(lane);
    },

    settle(tag) {
      const settled =
        settling.get(tag) ??
        (async () => {
          const { lane, seq } = parseTag(tag);
          const state = await store.lane(lane);
          if (!state || state.seq > seq) return 'done' as const;
          if (state.owner === owner && idle.some((l) => l.tag === tag)) return 'done' as const;
          if (!gone(state)) return 'busy' as const;
          const taken = await takeOver(state);
          if (!taken) return 'busy' as const;
          idle.push(taken);
          return 'done' as const;
        })().finally(() => settling.delete(tag));
      settling.set(tag, settled);
      return settled;
    },
  };
};
