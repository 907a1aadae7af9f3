/**
 * The uploads bucket: presigned POST policies for uploaders, reading, keeping and deleting objects
 * for the verifier, presigned GETs for viewers. The policy is built by `postPolicy` (pure, tested
 * on its own) because the local S3 stand-in does not enforce policies: real S3 does.
 */
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { getS3Client } from '../aws/clients';
import type { ContentType } from './upload';

export interface PostPolicyInput {
  key: string;
  contentType: ContentType;
  minBytes: number;
  maxBytes: number;
}

export interface UploadStorage {
  /** A presigned POST that can write exactly `key`, with exactly `contentType`, of a size within the range. */
  presignPost(input: PostPolicyInput, expiresSeconds: number): Promise<{ url: string; fields: Record<string, string> }>;
  /** The object's bytes and stored Content-Type; undefined when it is gone. */
  read(key: string): Promise<{ bytes: Uint8Array; contentType?: string } | undefined>;
  put(key: string, bytes: Uint8Array, contentType: ContentType): Promise<void>;
  /** Deletes the object; deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** A GET URL valid for `expiresSeconds`. */
  presignGet(key: string, expiresSeconds: number): Promise<string>;
}

/**
 * The POST policy's conditions and form fields: the exact key, the exact Content-Type and the
 * size range. Nothing in it starts with a prefix, so it cannot write another key or type.
 */
export const postPolicy = ({ key, contentType, minBytes, maxBytes }: PostPolicyInput) => ({
  Key: key,
  Conditions: [['content-length-range', minBytes, maxBytes], { key }, { 'Content-Type': contentType }] as Array<
    ['content-length-range', number, number] | Record<string, string>
  >,
  Fields: { 'Content-Type': contentType },
});

export const createUploadStorage = ({
  bucket,
  client = getS3Client(),
}: {
  bucket: string;
  client?: S3Client;
}): UploadStorage => ({
  async presignPost(input, expiresSeconds) {
    const { Key, Conditions, Fields } = postPolicy(input);
    return createPresignedPost(client, {
      Bucket: bucket,
      Key,
      Conditions: Conditions as never,
      Fields,
      Expires: expiresSeconds,
    });
  },

  async read(key) {
    try {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!object.Body) return undefined;
      return { bytes: await object.Body.transformToByteArray(), contentType: object.ContentType };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  },

  async put(key, bytes, contentType) {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType }));
  },

  async delete(key) {
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  },

  presignGet(key, expiresSeconds) {
    return getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: expiresSeconds });
  },
});
