/**
 * The consumer's rules (SPEC.md "Voting": a vote accepted by the API is never lost and never
 * counted twice, whatever the queue redelivers). The vote path decided each vote (ballots.ts); a
 * run over one batch only counts and records:
 *
 * 1. it takes a counter lane (counter-lanes.ts) with the batch's ledger keys as its plan;
 * 2. it claims each request by a conditional put of its ledger item tagged with the lane's mark (a
 *    request claimed by an earlier run is left to that run, finished first if its holder is gone);
 * 3. it adds the counted votes of the requests it claimed, one write per candidate and day, each
 *    carrying the mark (applied at most once per mark);
 * 4. it records in the voter's own list (GET votes/mine) the requests no ballot names (no vote counted), and the
 *    brushing signals.
 *
 * A run that dies anywhere is finished by whoever takes its lane (or meets one of its claims) after
 * its lease is over twice, from the ledger items it tagged; a slow run writes nothing after its lease.
 */
import { backlogCounter } from './backlog';
import type { DoorStatus, VoteLimits, VoteStatus } from './ballots';
import type { CounterKey, LanePool } from './counter-lanes';
import { voteMessageSchema, type VoteMessage } from './vote-message';

export type { DoorStatus, VoteLimits, VoteStatus };

/** The storage the consumer needs beside the lanes (DynamoDB in `vote-repository.ts`). */
export interface TallyStore {
  /** Puts the request's ledger item tagged `tag` unless one exists; returns the existing item's tag otherwise. */
  claim(message: VoteMessage, tag: string): Promise<{ ok: true } | { ok: false; tag: string | undefined }>;
  /** Records each request (one with no counted vote) in its voter's own list (votes/mine); idempotent. */
  recordVoterRequests(messages: VoteMessage[]): Promise<void>;
}

export interface TallyDeps {
  store: TallyStore;
  lanes: LanePool;
  /** Brushing signals of the counted requests (flags.ts); failures here never fail a vote. */
  observe?(messages: VoteMessage[]): Promise<void>;
  now?: () => number;
}

/** A message that can never be processed (not a vote message): it ends in the DLQ. */
export class PoisonMessageError extends Error {}

const CONCURRENCY = 16;

/** Runs `fn` over `items`, at most CONCURRENCY at a time. */
const inParallel = async <T>(items: T[], fn: (item: T) => Promise<void>) => {
  for (let i = 0; i < items.length; i += CONCURRENCY) await Promise.all(items.slice(i, i + CONCURRENCY).map(fn));
};

/**
 * The counter contributions of requests as the ledger item says them: +1 per counted vote, to its candidate's counter,
 * then to the campaign's backlog counter (backlog.ts).
 */
const countedVotes = (messages: VoteMessage[]): Array<CounterKey & { delta: number }> => {
  const candidates = new Map<string, CounterKey & { delta: number }>();
  const backlog = new Map<string, CounterKey & { delta: number }>();
  const add = (sums: typeof candidates, key: CounterKey) => {
    const id = `${key.campaignId}\u0000${key.candidateId}\u0000${key.day}`;
    const entry = sums.get(id) ?? { ...key, delta: 0 };
    entry.delta += 1;
    sums.set(id, entry);
  };
  for (const m of messages)
    for (const v of m.votes) {
      if (v.status !== 'counted') continue;
      add(candidates, { campaignId: m.campaignId, candidateId: v.candidateId, day: m.day });
      add(backlog, backlogCounter(m.campaignId));
    }
  return [...candidates.values(), ...backlog.values()];
};

/**
 * One consumer run over one batch: `count` parses each message, `finish` claims, counts and records
 * them. Returns the ids of the messages to retry.
 */
export const startTallyRun = (deps: TallyDeps) => {
  /** Message ids per request (a request delivered twice in one batch is claimed once). */
  const requests = new Map<string, { message: VoteMessage; ids: string[] }>();

  return {
    /** Reads one message; throws for this message only. */
    async count(messageId: string, body: string): Promise<void> {
      let message: VoteMessage;
      try {
        message = voteMessageSchema.parse(JSON.parse(body));
      } catch {
        throw new PoisonMessageError(`Message ${messageId} is not a vote message`);
      }
      const entry = requests.get(message.requestId) ?? { message, ids: [] };
      entry.ids.push(messageId);
      requests.set(message.requestId, entry);
    },

    /** Claims, counts and records the batch; returns the message ids to retry. */
    async finish(): Promise<string[]> {
      const now = deps.now ?? (() => Date.now());
      const all = [...requests.values()];
      if (all.length === 0) return [];
      const failed = new Set<string>();
      const fail = (list: typeof all) => {
        for (const r of list) for (const id of r.ids) failed.add(id);
        return [...failed];
      };
      const lane = await deps.lanes
        .acquire(all.map((r) => ({ campaignId: r.message.campaignId, requestId: r.message.requestId })))
        .catch(() => undefined);
      if (!lane) return fail(all);
      const { tag } = lane;

      const claimed: typeof all = [];
      const earlier: typeof all = [];
      await inParallel(all, async (r) => {
        try {
          if (now() > lane.until) throw new Error('lease over');
          const result = await deps.store.claim(r.message, tag);
          if (result.ok || result.tag === tag) claimed.push(r);
          else if (!result.tag || (await deps.lanes.settle(result.tag)) === 'done') earlier.push(r);
          else fail([r]);
        } catch {
          fail([r]);
        }
      });

      try {
        await deps.lanes.apply(lane, countedVotes(claimed.map((r) => r.message)));
      } catch {
        // Some counters may lack this run's votes: the lane is not given back, so whoever takes it
        // after the lease finishes the run from the claimed ledger items; the messages come back.
        return fail(claimed);
      }
      deps.lanes.release(lane);

      // votes/mine finds a request with a counted vote through its voter's ballot (the receipt ids name it): only the
      // others are recorded.
      const noneCounted = [...claimed, ...earlier].filter((r) => !r.message.votes.some((v) => v.status === 'counted'));
      try {
        await deps.store.recordVoterRequests(noneCounted.map((r) => r.message));
      } catch {
        fail(noneCounted);
      }
      await deps.observe?.(claimed.map((r) => r.message)).catch(() => undefined);
      return [...failed];
    },
  };
};
