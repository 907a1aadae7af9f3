import { describe, expect, it } from 'vitest';
import { synthTestApp } from './test-app';

const environmentOf = (template: ReturnType<typeof synthTestApp>['apiTemplate'], description: string) =>
  Object.values(template.findResources('AWS::Lambda::Function')).find((fn) =>
    String(fn.Properties.Description).startsWith(description),
  )?.Properties.Environment.Variables;

describe('retention periods from context', () => {
  it("gives the functions that use them the office's periods when set, the defaults otherwise, and no other function any", () => {
    const set = synthTestApp({ context: { voterDataRetentionDays: 60, nomineeArchiveDays: '1825' } }).apiTemplate;
    for (const description of ['Worker ExpirePersonalData', 'Privacy:'])
      expect(environmentOf(set, description)).toMatchObject({
        VOTER_DATA_RETENTION_DAYS: '60',
        NOMINEE_ARCHIVE_DAYS: '1825',
      });
    expect(environmentOf(set, 'Voters:')).not.toHaveProperty('VOTER_DATA_RETENTION_DAYS');
    expect(environmentOf(synthTestApp().apiTemplate, 'Privacy:')).toMatchObject({
      VOTER_DATA_RETENTION_DAYS: '90',
      NOMINEE_ARCHIVE_DAYS: '1095',
    });
  });
});
