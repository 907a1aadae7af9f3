/**
 * What each deployed bundle holds, read from esbuild's metafile with the deployed settings: no
 * module of infra/ (the local stand-ins, the outbox, the stack) or test/ reaches a Lambda, nor the
 * Alibaba Cloud SDK (bundled only with context smsProvider=aliyun), the JPEG codec (thumbnails) is
 * in the verifier's bundle only, the ZIP library in the publications bundle only, and the hot public paths stay small.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { apiFunctions, authorizerFunction, workerFunctions } from '../../functions/catalog';
import { esbuildOptions, projectRoot } from '../../infra/constructs/bundling';

const entries = [
  ...apiFunctions.map((f) => ({ id: f.id, entry: f.entry })),
  ...workerFunctions.map((w) => ({ id: w.worker.id, entry: w.entry })),
  { id: 'StaffAuthorizer', entry: authorizerFunction.entry },
];

/** The public paths a voting peak hits: each is a function of its own. */
const hotPaths = ['CastVotes', 'Voters', 'Candidates', 'Receipts'];

const bundle = async (entry: string) => {
  const result = await build({
    ...esbuildOptions(join(projectRoot, entry), join(projectRoot, '.tmp', 'bundles', 'index.mjs')),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = result.outputFiles.find((f) => f.path.endsWith('.mjs'))!;
  const inOutput = Object.values(result.metafile.outputs).find((o) => o.entryPoint)!.inputs;
  return {
    inputs: Object.keys(result.metafile.inputs),
    /** The modules with code in the bundle (the adapters module names SDKs that tree shaking drops). */
    shipped: Object.keys(inOutput).filter((path) => inOutput[path]!.bytesInOutput > 0),
    bytes: output.contents.byteLength,
  };
};

describe('deployed bundles', () => {
  it.each(entries)(
    '$id ($entry) holds no module of infra/ or test/, jpeg-js only in the verifier, the xlsx reader only in the registry, Cognito only in accounts',
    async ({ id, entry }) => {
      const { inputs, shipped } = await bundle(entry);
      expect(inputs.filter((path) => /^(infra|test)\//.test(path))).toEqual([]);
      // Alibaba Cloud SMS only in deployments that send with it (bundling.ts `bundleSettingsFor`).
      expect(inputs.filter((path) => path.includes('@alicloud/'))).toEqual([]);
      expect(inputs).toContain(entry);
      // Thumbnails are made at verification (shared/uploads/make-thumbnail.ts); the candidate views only name them.
      expect(inputs.some((path) => path.includes('node_modules/jpeg-js/'))).toBe(id === 'VerifyUpload');
      // The ZIP library is the archive route's (functions/publications/) and the xlsx reader's, in no other bundle.
      expect(shipped.some((path) => path.includes('node_modules/fflate/'))).toBe(
        id === 'Publications' || id === 'Registry',
      );
      // The registry import reads .xlsx; only the accounts function calls Cognito.
      expect(shipped.some((path) => path.includes('node_modules/read-excel-file/'))).toBe(id === 'Registry');
      expect(shipped.some((path) => path.includes('client-cognito-identity-provider/'))).toBe(id === 'Accounts');
    },
  );

  it.each(hotPaths)('the hot public path %s is a bundle of at most 350 KB', async (id) => {
    const { bytes } = await bundle(apiFunctions.find((f) => f.id === id)!.entry);
    expect(bytes).toBeLessThanOrEqual(350 * 1024);
  });
});
