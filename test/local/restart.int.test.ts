/**
 * The local runner as `npm start` runs it: data in DynamoDB Local and s3rver survives a restart on
 * the same data dir, `--reset` wipes it, and a stop leaves no DynamoDB Local process behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalProcess, type LocalProcess } from '../support/local-process';

const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const clientsOf = (stack: LocalProcess) => ({
  dynamodb: new DynamoDBClient({
    region: 'us-east-1',
    credentials,
    endpoint: stack.endpoints.dynamodb,
    maxAttempts: 1,
  }),
  s3: new S3Client({ region: 'us-east-1', credentials, endpoint: stack.endpoints.s3, forcePathStyle: true }),
});

const key = { pk: { S: 'RESTART#probe' }, sk: { S: 'RESTART#probe' } };

const readBack = async (stack: LocalProcess) => {
  const { dynamodb, s3 } = clientsOf(stack);
  const { Item } = await dynamodb.send(new GetItemCommand({ TableName: stack.env.TABLE_NAME, Key: key }));
  const object = await s3
    .send(new GetObjectCommand({ Bucket: stack.env.UPLOADS_BUCKET_NAME, Key: 'restart/probe.txt' }))
    .then((o) => o.Body!.transformToString())
    .catch(() => undefined);
  return { item: Item?.note?.S, object };
};

describe('the local runner', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'service-awards-restart-'));
  let running: LocalProcess | undefined;
  afterAll(async () => {
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps DynamoDB items and S3 objects across a restart, wipes them with --reset, and stops DynamoDB Local', {
    timeout: 240_000,
  }, async () => {
    running = await startLocalProcess({ dataDir });
    const first = running;
    const { dynamodb, s3 } = clientsOf(first);
    await dynamodb.send(new PutItemCommand({ TableName: first.env.TABLE_NAME, Item: { ...key, note: { S: 'kept' } } }));
    await s3.send(
      new PutObjectCommand({ Bucket: first.env.UPLOADS_BUCKET_NAME, Key: 'restart/probe.txt', Body: 'kept too' }),
    );
    expect(await first.stop()).toBe(0);
    await expect(dynamodb.send(new ListTablesCommand({}))).rejects.toThrow();

    running = await startLocalProcess({ dataDir });
    const second = running;
    expect(await readBack(running)).toEqual({ item: 'kept', object: 'kept too' });
    expect(await running.stop()).toBe(0);

    running = await startLocalProcess({ dataDir, reset: true });
    const third = running;
    expect(await readBack(running)).toEqual({ item: undefined, object: undefined });
    expect(await running.stop()).toBe(0);
    running = undefined;
    console.log(
      `npm start to READY: ${first.startupMs} ms fresh, ${second.startupMs} ms restart, ${third.startupMs} ms --reset`,
    );
  });
});
