/**
 * A campaign's backlog: the counted votes the door accepted and the consumer has not yet added to the candidates'
 * counters, counted exactly (docs/counting.md, "The backlog"). Spread over `BACKLOG_SHARDS` items by request id: the
 * door adds a request's counted votes to `a` of its shard before the queue has the message; the consumer adds them to
 * `n` of the same item through its counter lane (once per request, like any counter). The close waits for
 * Σ(a − n) = 0.
 */
import type { CounterKey } from './counter-lanes';

export const BACKLOG_SHARDS = 8;

export const backlogShardOf = (requestId: string) => parseInt(requestId[0]!, 16) % BACKLOG_SHARDS;

/** The counter-lane key of a request's backlog shard: no candidate id starts with `#`. */
export const BACKLOG_COUNTER = '#backlog';
export const backlogCounter = (campaignId: string, requestId: string): CounterKey => ({
  campaignId,
  candidateId: BACKLOG_COUNTER,
  day: String(backlogShardOf(requestId)),
});
