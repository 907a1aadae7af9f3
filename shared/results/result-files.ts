/**
 * The published files in S3 under `results/<cid>/v<version>/` (not under `campaigns/`: the uploads
 * verifier deletes any object there that is not an upload it issued): results.json, the votes
 * list votes.jsonl (streamed in multipart uploads of 8 MB, so a million votes never sit in memory
 * at once) and the same as CSV for the office (votes.csv, written in the same pass), both in receipt order, the
 * Merkle leaves per category (leaves-<category>.bin: their buckets and hashes, merkle.ts) proofs are cut from, and
 * overrides.json (the award
 * overrides since; brought up to date by the clock tick, the only writer).
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { getS3Client } from '../aws/clients';

export interface LineWriter {
  write(line: string): Promise<void>;
  /** Finishes the object; its SHA-256 and line count. */
  close(): Promise<{ sha256: string; lines: number }>;
  abort(): Promise<void>;
}

export interface ResultFiles {
  /** A text object written line by line as it streams (each line ended by `end`, `\n` unless told). */
  lines(key: string, contentType: string, end?: string): LineWriter;
  put(key: string, body: string | Buffer, contentType: string): Promise<void>;
  /** The object's bytes, undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  /** The object as a stream of chunks. */
  stream(key: string): Promise<AsyncIterable<Buffer>>;
  /** A presigned GET link. */
  link(key: string, seconds: number): Promise<string>;
}

/** Where a version's files go. */
export const resultKeys = (cid: string, version: number) => {
  const base = `results/${cid}/v${version}`;
  return {
    results: `${base}/results.json`,
    votes: `${base}/votes.jsonl`,
    votesCsv: `${base}/votes.csv`,
    overrides: `${base}/overrides.json`,
    leaves: { window: `${base}/leaves-window.bin`, star: `${base}/leaves-star.bin` },
  };
};

const PART_BYTES = 8 * 1024 * 1024;

export const createResultFiles = ({
  bucket,
  client = getS3Client(),
}: {
  bucket: string;
  client?: S3Client;
}): ResultFiles => ({
  lines(key, contentType, end = '\n') {
    const digest = createHash('sha256');
    let chunks: Buffer[] = [];
    let size = 0;
    let lines = 0;
    let uploadId: string | undefined;
    const parts: Array<{ ETag: string; PartNumber: number }> = [];
    const flush = async () => {
      uploadId ??= (
        await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType }))
      ).UploadId!;
      const PartNumber = parts.length + 1;
      const { ETag } = await client.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber,
          Body: Buffer.concat(chunks),
        }),
      );
      parts.push({ ETag: ETag!, PartNumber });
      chunks = [];
      size = 0;
    };
    return {
      async write(line) {
        const bytes = Buffer.from(`${line}${end}`, 'utf8');
        digest.update(bytes);
        chunks.push(bytes);
        size += bytes.length;
        lines += 1;
        if (size >= PART_BYTES) await flush();
      },
      async close() {
        if (uploadId === undefined) {
          await client.send(
            new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.concat(chunks), ContentType: contentType }),
          );
        } else {
          if (size > 0) await flush();
          await client.send(
            new CompleteMultipartUploadCommand({
              Bucket: bucket,
              Key: key,
              UploadId: uploadId,
              MultipartUpload: { Parts: parts },
            }),
          );
        }
        return { sha256: digest.digest('hex'), lines };
      },
      async abort() {
        if (uploadId)
          await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
      },
    };
  },

  async put(key, body, contentType) {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
  },

  async get(key) {
    try {
      const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Body ? Buffer.from(await Body.transformToByteArray()) : undefined;
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  },

  async stream(key) {
    const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Body as Readable;
  },

  async link(key, seconds) {
    return getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: seconds });
  },
});
