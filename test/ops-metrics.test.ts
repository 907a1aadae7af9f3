import { describe, expect, it } from 'vitest';
import { countVoteOutcomes, OpsMetric } from '../shared/ops-metrics';

/** A stand-in for Powertools Metrics that records what would be published. */
const recorder = () => {
  const published: Array<{ name: string; value: number; dimensions: Record<string, string> }> = [];
  const metric = (dimensions: Record<string, string> = {}) => ({
    addDimension(name: string, value: string) {
      dimensions[name] = value;
    },
    addMetric(name: string, _unit: string, value: number) {
      published.push({ name, value, dimensions: { ...dimensions } });
    },
  });
  const metrics = { ...metric(), singleMetric: () => metric() };
  return { metrics: metrics as unknown as Parameters<typeof countVoteOutcomes>[0], published };
};

describe('vote metrics', () => {
  it('counts counted votes, and refused ones once per reason with the reason as dimension', () => {
    const { metrics, published } = recorder();
    countVoteOutcomes(metrics, ['counted', 'duplicate', 'counted', 'over_limit', 'duplicate', 'counted']);
    expect(published).toEqual([
      { name: OpsMetric.VotesCounted, value: 3, dimensions: {} },
      { name: OpsMetric.VotesRefused, value: 2, dimensions: { reason: 'duplicate' } },
      { name: OpsMetric.VotesRefused, value: 1, dimensions: { reason: 'over_limit' } },
    ]);
  });

  it('publishes VotesCounted 0 and no refusal for a batch that counted nothing', () => {
    const { metrics, published } = recorder();
    countVoteOutcomes(metrics, []);
    expect(published).toEqual([{ name: OpsMetric.VotesCounted, value: 0, dimensions: {} }]);
  });
});
