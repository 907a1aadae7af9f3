import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { synthTestApp } from './test-app';

/** cdk-nag AwsSolutions findings left after the acknowledgements, as `rule at construct path` lines. */
const findings = (app: ReturnType<typeof synthTestApp>['app']) =>
  new AwsSolutionsChecks()
    .validateScope(app)
    .violations.flatMap((v) => v.violatingResources.map((r) => `${v.severity} ${v.ruleName} at ${r.constructPath}`));

describe('cdk-nag AwsSolutions', () => {
  it('leaves no finding with the real function catalog (every grant, auth kind and trigger type)', () => {
    expect(findings(synthTestApp().app)).toEqual([]);
  });

  it('leaves no finding with an external staff issuer and tracing on', () => {
    const { app } = synthTestApp({
      context: { staffIssuer: 'https://idp.example.cn', staffAudience: 'client-1', tracing: 'true' },
    });
    expect(findings(app)).toEqual([]);
  });

  it('leaves no finding with the e-mail port of notifications (context mailFrom)', () => {
    expect(findings(synthTestApp({ context: { mailFrom: 'notify@awards.example.cn' } }).app)).toEqual([]);
  });
});
