import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { routes, workers } from '../../infra/routes';
import { synthTestApp } from './test-app';

/** cdk-nag AwsSolutions findings left after the acknowledgements, as `rule at construct path` lines. */
const findings = (app: ReturnType<typeof synthTestApp>['app']) =>
  new AwsSolutionsChecks()
    .validateScope(app)
    .violations.flatMap((v) => v.violatingResources.map((r) => `${v.severity} ${v.ruleName} at ${r.constructPath}`));

describe('cdk-nag AwsSolutions', () => {
  it('leaves no finding with every grant and trigger type exercised', () => {
    expect(findings(synthTestApp().app)).toEqual([]);
  });

  it('leaves no finding with the real routes and workers of infra/routes.ts, and the API stays deployable', () => {
    const { app, apiTemplate } = synthTestApp({ routes, workers });
    expect(findings(app)).toEqual([]);
    // CloudFormation refuses a stack of more than 500 resources; each new route adds 6 to 8.
    expect(Object.keys(apiTemplate.toJSON().Resources).length).toBeLessThanOrEqual(500);
  });

  it('leaves no finding with an external staff issuer and tracing on', () => {
    const { app } = synthTestApp({
      context: { staffIssuer: 'https://idp.example.cn', staffAudience: 'client-1', tracing: 'true' },
    });
    expect(findings(app)).toEqual([]);
  });
});
