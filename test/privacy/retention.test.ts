import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../shared/campaigns/schema';
import { voterConsent } from '../../shared/privacy/consent';
import { retentionDates } from '../../shared/privacy/privacy';

const closed = { stage: 'awarded', stageChangedAt: '2026-08-01T04:00:00.000Z' } as Campaign;

describe('retention dates', () => {
  it('expires voter data and ends the archive period the configured days after the close', () => {
    expect(retentionDates(closed, { voterDataRetentionDays: 90, nomineeArchiveDays: 1095 })).toEqual({
      voterDataExpiresAt: new Date('2026-10-30T04:00:00.000Z'),
      archiveEndsAt: new Date('2029-07-31T04:00:00.000Z'),
    });
  });

  it('tells voters the same period in the consent notice', () => {
    const consent = voterConsent(45);
    expect(consent.text).toContain('45 天');
    expect(consent.textEn).toContain('45 days');
  });
});
