import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../shared/campaigns/schema';
import { sessionEnd, VOTER_SESSION_MAX_DAYS } from '../../shared/voters/voter-sessions';

const now = new Date('2019-07-28T10:00:00+08:00');
const campaign = (stage: Campaign['stage'], scoring?: string) =>
  ({ stage, config: { schedule: scoring ? { scoring } : {} } }) as Pick<Campaign, 'stage' | 'config'>;

describe('voter session length', () => {
  it('lasts until voting closes: the latest scheduled close of a campaign in publicity or voting', () => {
    const end = sessionEnd(now, [
      campaign('voting', '2019-08-05T18:00:00+08:00'),
      campaign('publicity', '2019-08-10T18:00:00+08:00'),
      campaign('scoring', '2019-09-30T18:00:00+08:00'),
    ]);
    expect(end.toISOString()).toBe(new Date('2019-08-10T18:00:00+08:00').toISOString());
  });

  it('lasts a day when no campaign has a close ahead', () => {
    expect(sessionEnd(now, [campaign('voting'), campaign('voting', '2019-07-01T00:00:00+08:00')]).getTime()).toBe(
      now.getTime() + 24 * 3600_000,
    );
  });

  it('lasts the configured hours when configured, and never past the maximum', () => {
    const voting = [campaign('voting', '2020-07-01T00:00:00+08:00')];
    expect(sessionEnd(now, voting, 2).getTime()).toBe(now.getTime() + 2 * 3600_000);
    expect(sessionEnd(now, voting).getTime()).toBe(now.getTime() + VOTER_SESSION_MAX_DAYS * 24 * 3600_000);
  });
});
