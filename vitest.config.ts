import { defineConfig } from 'vitest/config';

const env = { POWERTOOLS_DEV: 'true', POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'WARN' };

/**
 * Two projects. `unit`: domain, infra (synth + cdk-nag) and pure adapters; no Java, no network,
 * seconds (`npm run test:unit`). `integration` (`*.int.test.ts`): against one local system
 * (DynamoDB Local, s3rver, local-aws-sqs, the local gateway) started for the run.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.int.test.ts', 'web/**', 'node_modules/**'],
          testTimeout: 30_000,
          env,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.int.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          env,
        },
      },
    ],
  },
});
