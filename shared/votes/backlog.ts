/**
 * A campaign's backlog: the counted votes the door accepted and the consumer has not yet added to the candidates'
 * counters, counted exactly (docs/counting.md, "The backlog"). The door writes nothing for it: its side is the counted
 * receipts the campaign's ballots hold (the ballots are kept in `BALLOT_SHARDS` partitions per campaign, so the close
 * reads them without a scan). The consumer's side is one counter per campaign, `n`, added through its counter lane (once
 * per request, like any counter). The close waits for Σ ballots' receipts − n = 0.
 */
import type { CounterKey } from './counter-lanes';

/** The counter-lane key of a campaign's counted votes: no candidate id starts with `#`. */
export const BACKLOG_COUNTER = '#backlog';
export const backlogCounter = (campaignId: string): CounterKey => ({
  campaignId,
  candidateId: BACKLOG_COUNTER,
  day: '-',
});
