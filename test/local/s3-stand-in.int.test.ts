/**
 * The S3 stand-in (s3rver 3.7.1, in-process): a file-system failure inside it is a logged
 * 500 InternalError on that request (which the SDK retries), never an uncaught exception that takes
 * the whole local system down; concurrent writers of one key leave one whole object.
 * An uncaught exception here would also fail this run (vitest reports unhandled errors).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3, type StandIns } from '../../infra/local/stand-ins';
import { api, local } from '../support/api';

const BUCKET = 'probe';
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const clientFor = (endpoint: string) =>
  new S3Client({
    endpoint,
    region: 'us-east-1',
    credentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    maxAttempts: 1,
  });

/** 'ok', or the error name and HTTP status the SDK saw. */
const outcome = (request: Promise<unknown>): Promise<string> =>
  request.then(
    () => 'ok',
    (error: { name: string; $metadata?: { httpStatusCode?: number } }) =>
      `${error.name} ${error.$metadata?.httpStatusCode}`,
  );

describe('the in-process S3 stand-in', () => {
  const directory = mkdtempSync(join(tmpdir(), 'service-awards-s3-'));
  const logged: string[] = [];
  let s3rver: StandIns['s3'];
  let s3: S3Client;

  beforeAll(async () => {
    const started = await startS3(directory, (message) => logged.push(message));
    s3rver = started.s3;
    s3 = clientFor(started.endpoint);
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });
  afterAll(async () => {
    s3.destroy();
    await s3rver.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const put = (Key: string, Body: string | Buffer) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));
  const get = async (Key: string) =>
    Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }))).Body!.transformToByteArray());
  const multipart = async (Key: string, parts: Buffer[], beforeComplete?: (uploadId: string) => void) => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key }));
    const done = [];
    for (const [i, Body] of parts.entries())
      done.push({
        PartNumber: i + 1,
        ETag: (await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: i + 1, Body }))).ETag,
      });
    beforeComplete?.(UploadId!);
    await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId, MultipartUpload: { Parts: done } }),
    );
  };

  it('answers a PutObject it cannot store with a logged 500 InternalError, then serves on', async () => {
    // A directory where the object's file goes: s3rver 3.7.1 answered 200 and then threw EISDIR from a stream.
    mkdirSync(join(directory, BUCKET, 'blocked', 'leaves-star.bin._S3rver_object'), { recursive: true });
    logged.length = 0;
    expect(await outcome(put('blocked/leaves-star.bin', 'leaves'))).toBe('InternalError 500');
    expect(logged).toEqual([
      expect.stringContaining('PUT /probe/blocked/leaves-star.bin failed; answered 500 InternalError'),
    ]);
    expect(await outcome(put('blocked/results.json', '{}'))).toBe('ok');
    expect((await get('blocked/results.json')).toString()).toBe('{}');
  });

  it('answers a CompleteMultipartUpload whose part is gone with a 500 InternalError, not a hang', async () => {
    // s3rver 3.7.1 threw ENOENT from the part's read stream and never answered.
    logged.length = 0;
    const completed = outcome(
      multipart('gone/votes.jsonl', [Buffer.from('a\n')], (uploadId) =>
        rmSync(join(directory, BUCKET, '._S3rver_uploads', uploadId, '1')),
      ),
    );
    expect(await completed).toBe('InternalError 500');
    expect(logged).toHaveLength(1);
  });

  it('leaves one whole object, with its own ETag, when 20 PutObjects and 3 multipart uploads of one key run at once', async () => {
    // Five rounds: before the per-key lock, about one round in eight left one writer's bytes with another's ETag.
    for (let round = 0; round < 5; round++) {
      const key = `same/${round}/leaves-star.bin`;
      const bodies = Array.from({ length: 20 }, (_, i) => Buffer.alloc(300_000 + i, i + 1));
      const outcomes = await Promise.all([
        ...bodies.map((body) => outcome(put(key, body))),
        ...[101, 102, 103].map((fill) =>
          outcome(multipart(key, [Buffer.alloc(5 * 1024 * 1024, fill), Buffer.alloc(1000, fill)])),
        ),
      ]);
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(23);
      const stored = await get(key);
      expect(stored.every((byte) => byte === stored[0])).toBe(true);
      const writer =
        stored[0]! <= 20
          ? bodies[stored[0]! - 1]!
          : Buffer.concat([Buffer.alloc(5 * 1024 * 1024, stored[0]!), Buffer.alloc(1000, stored[0]!)]);
      expect(stored.length).toBe(writer.length);
      const { ETag } = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
      expect(ETag).toBe(`"${createHash('md5').update(stored).digest('hex')}"`);
    }
  });

  it('stores PutObjects racing a DeleteObject that empties their folder (S3 has no folders to lose)', async () => {
    // The first crash seen: the uploads verifier deleted results files under campaigns/, s3rver removed the emptied
    // folder, a sibling write hit ENOENT.
    const seen = new Map<string, number>();
    for (let round = 0; round < 30; round++) {
      const base = `race/c${round}/v1`;
      await put(`${base}/votes.jsonl`, 'x');
      const outcomes = await Promise.all([
        outcome(s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `${base}/votes.jsonl` }))),
        outcome(put(`${base}/results.json`, Buffer.alloc(2000))),
        outcome(put(`${base}/leaves-star.bin`, Buffer.alloc(2000))),
      ]);
      for (const o of outcomes) seen.set(o, (seen.get(o) ?? 0) + 1);
    }
    expect(Object.fromEntries(seen)).toEqual({ ok: 90 });
  });
});

describe('the S3 stand-in inside the running local system', () => {
  it('answers a PutObject it cannot store with 500 InternalError, and the local system stays up', async () => {
    const { endpoints, env, dataDir } = local();
    mkdirSync(join(dataDir, 's3', env.UPLOADS_BUCKET_NAME!, 'blocked', 'leaves-star.bin._S3rver_object'), {
      recursive: true,
    });
    const s3 = clientFor(endpoints.s3);
    expect(
      await outcome(
        s3.send(
          new PutObjectCommand({ Bucket: env.UPLOADS_BUCKET_NAME, Key: 'blocked/leaves-star.bin', Body: 'leaves' }),
        ),
      ),
    ).toBe('InternalError 500');
    s3.destroy();
    await new Promise((r) => setTimeout(r, 300));
    expect((await api('GET', '/health')).status).toBe(200);
  });
});
