import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { AppFunction } from '../../../infra/constructs/app-function';
import { bundleSettingsFor, esbuildOptions, projectRoot } from '../../../infra/constructs/bundling';

const entry = 'functions/system/routes.ts';
const outdir = mkdtempSync(join(tmpdir(), 'bundling-test-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('Lambda bundling', () => {
  it('deploys byte for byte the bundle that esbuildOptions (the bench) builds, with its source map', async () => {
    // Bundling on: NodejsFunction runs the project's esbuild locally, as in `cdk synth`.
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    new AppFunction(new Stack(app, 'BundlingTest'), 'Health', { entry, environment: {} });
    app.synth();
    const [assetDir] = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
    expect(readdirSync(join(outdir, assetDir!)).sort()).toEqual(['index.mjs', 'index.mjs.map']);
    const deployed = readFileSync(join(outdir, assetDir!, 'index.mjs'), 'utf8');

    const { outputFiles } = await build({
      ...esbuildOptions(join(projectRoot, entry), join(outdir, 'bench', 'index.mjs')),
      write: false,
      logLevel: 'silent',
    });
    const benched = outputFiles.find((file) => file.path.endsWith('index.mjs'));
    expect(deployed).toBe(benched?.text);
    expect(deployed.startsWith("import { createRequire } from 'node:module';")).toBe(true);
  });

  it('bundles Alibaba Cloud SMS instead of SNS for smsProvider=aliyun, deployed as benched', async () => {
    const voters = 'functions/voters/routes.ts';
    const bundle = bundleSettingsFor('aliyun');
    const app = new App({ outdir: join(outdir, 'aliyun'), builtinCloudFormationValidation: false });
    new AppFunction(new Stack(app, 'AliyunBundlingTest'), 'Voters', { entry: voters, environment: {}, bundle });
    app.synth();
    const [assetDir] = readdirSync(join(outdir, 'aliyun')).filter((name) => name.startsWith('asset.'));
    const deployed = readFileSync(join(outdir, 'aliyun', assetDir!, 'index.mjs'), 'utf8');

    const { outputFiles, metafile } = await build({
      ...esbuildOptions(join(projectRoot, voters), join(outdir, 'bench-aliyun', 'index.mjs'), bundle),
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(deployed).toBe(outputFiles.find((file) => file.path.endsWith('index.mjs'))?.text);
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain('functions/runtime/sms-aliyun.ts');
    expect(inputs).not.toContain('functions/runtime/sms-sns.ts');
    expect(inputs.some((path) => path.includes('node_modules/@alicloud/dysmsapi20170525/'))).toBe(true);
  });

  it('refuses a function whose entry does not exist, even with bundling skipped', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'MissingEntry');
    expect(
      () => new AppFunction(stack, 'Missing', { entry: 'functions/system/no-such-handler.ts', environment: {} }),
    ).toThrow(/Cannot find entry file at .*no-such-handler\.ts/);
  });
});
