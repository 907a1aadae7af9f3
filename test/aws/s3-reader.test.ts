import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, it } from 'vitest';
import { createS3Reader } from '../../shared/aws/s3-reader';

const signingDate = new Date('2026-12-02T09:30:00Z');
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjE+example/session=token',
};
const key = 'verified/c-1/n 2/photo (1)~*.jpg';

/**
 * The SDK's presigned GET for the same inputs: the known-good URL. Checksums only when required
 * (as the house S3 client): otherwise the SDK adds a CRC32 of the empty body and
 * `x-amz-checksum-mode=ENABLED`, neither of which a viewer's GET needs.
 */
const sdkPresign = (region: string, bucket: string, endpoint?: string) =>
  getSignedUrl(
    new S3Client({
      region,
      credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    }),
    new GetObjectCommand({ Bucket: bucket, Key: key }),
    { expiresIn: 900, signingDate },
  );

const ourPresign = (region: string, bucket: string, endpoint?: string) =>
  createS3Reader({ bucket, region, endpoint, credentials: async () => credentials, now: () => signingDate }).presignGet(
    key,
    900,
  );

describe('S3 reader presigned GETs', () => {
  it.each([
    ['virtual-hosted, aws partition', 'eu-west-1', 'jingmen-uploads', undefined],
    ['virtual-hosted, China partition', 'cn-north-1', 'jingmen-uploads', undefined],
    ['path-style on a configured endpoint', 'us-east-1', 'local-uploads', 'http://localhost:4569'],
  ])('match the SDK presigner byte for byte (%s)', async (_, region, bucket, endpoint) => {
    const ours = await ourPresign(region, bucket, endpoint);
    expect(ours).toBe(await sdkPresign(region, bucket, endpoint));
    expect(ours).toContain('X-Amz-Expires=900');
  });

  it('sign a different URL for another time', async () => {
    const later = await createS3Reader({
      bucket: 'b',
      region: 'eu-west-1',
      credentials: async () => credentials,
      now: () => new Date(signingDate.getTime() + 1000),
    }).presignGet(key, 900);
    expect(later).not.toBe(await ourPresign('eu-west-1', 'b'));
  });
});
