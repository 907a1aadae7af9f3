import { describe, expect, it } from 'vitest';
import { synthTestApp } from './test-app';

const functionsOf = (template: ReturnType<typeof synthTestApp>['apiTemplate']) =>
  Object.values(template.findResources('AWS::Lambda::Function')).filter((fn) => fn.Properties.Runtime === 'nodejs22.x');

describe('retention periods from context', () => {
  it("gives every function the office's periods when set, and none otherwise (shared/config.ts defaults)", () => {
    const set = synthTestApp({ context: { voterDataRetentionDays: 60, nomineeArchiveDays: '1825' } }).apiTemplate;
    for (const fn of functionsOf(set))
      expect(fn.Properties.Environment.Variables).toMatchObject({
        VOTER_DATA_RETENTION_DAYS: '60',
        NOMINEE_ARCHIVE_DAYS: '1825',
      });
    for (const fn of functionsOf(synthTestApp().apiTemplate))
      expect(fn.Properties.Environment.Variables).not.toHaveProperty('VOTER_DATA_RETENTION_DAYS');
  });
});
