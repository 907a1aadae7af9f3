import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { decodeS3EventKey, parseUploadKey, thumbnailKey, uploadKey, verifiedKey } from '../../shared/uploads/upload';
import { createUploadStorage, postPolicy } from '../../shared/uploads/upload-storage';

const input = {
  key: 'campaigns/jingmen-2019/nominations/jingmen-2019.abc/0b7c3f0e-8f57-4b8e-9a53-1c0d6f0a2b11.jpg',
  contentType: 'image/jpeg' as const,
  minBytes: 512000,
  maxBytes: 2097152,
};

describe('the POST policy', () => {
  it('names the exact key, the exact Content-Type and the size range', () => {
    expect(postPolicy(input)).toEqual({
      Key: input.key,
      Conditions: [['content-length-range', 512000, 2097152], { key: input.key }, { 'Content-Type': 'image/jpeg' }],
      Fields: { 'Content-Type': 'image/jpeg' },
    });
  });

  it('is what the signed policy document says, with nothing that matches by prefix', async () => {
    // A real signature computed offline with a static key: no request is sent.
    const client = new S3Client({
      region: 'cn-north-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      endpoint: 'http://127.0.0.1:9',
      forcePathStyle: true,
    });
    const storage = createUploadStorage({ bucket: 'uploads-bucket', client });
    const before = Date.now();
    const { url, fields } = await storage.presignPost(input, 600);
    const policy = JSON.parse(Buffer.from(fields.Policy!, 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(url).toBe('http://127.0.0.1:9/uploads-bucket');
    expect(fields).toMatchObject({
      key: input.key,
      'Content-Type': 'image/jpeg',
      bucket: 'uploads-bucket',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    });
    expect(fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(policy.conditions).toContainEqual(['content-length-range', 512000, 2097152]);
    expect(policy.conditions).toContainEqual({ key: input.key });
    expect(policy.conditions).toContainEqual({ 'Content-Type': 'image/jpeg' });
    expect(policy.conditions).toContainEqual({ bucket: 'uploads-bucket' });
    expect(JSON.stringify(policy.conditions)).not.toContain('starts-with');
    const expires = Date.parse(policy.expiration) - before;
    expect(expires).toBeGreaterThan(595_000);
    expect(expires).toBeLessThanOrEqual(601_000);
  });
});

describe('object keys', () => {
  it('are namespaced by campaign and nomination, with a safe extension and no user file name', () => {
    const key = uploadKey(
      'jingmen-2019',
      { nominationId: 'jingmen-2019.x1' },
      '0b7c3f0e-8f57-4b8e-9a53-1c0d6f0a2b11',
      'application/pdf',
    );
    expect(key).toBe('campaigns/jingmen-2019/nominations/jingmen-2019.x1/0b7c3f0e-8f57-4b8e-9a53-1c0d6f0a2b11.pdf');
    expect(parseUploadKey(key)).toEqual({
      campaignId: 'jingmen-2019',
      nominationId: 'jingmen-2019.x1',
      uploadId: '0b7c3f0e-8f57-4b8e-9a53-1c0d6f0a2b11',
    });
  });

  it("puts a report's photos under the report, and reads the owner back from the key", () => {
    const uploadId = '0b7c3f0e-8f57-4b8e-9a53-1c0d6f0a2b11';
    const key = uploadKey('jingmen-2019', { reportId: 'jingmen-2019.r1' }, uploadId, 'image/png');
    expect(key).toBe(`campaigns/jingmen-2019/activity-reports/jingmen-2019.r1/${uploadId}.png`);
    expect(parseUploadKey(key)).toEqual({ campaignId: 'jingmen-2019', reportId: 'jingmen-2019.r1', uploadId });
    const upload = {
      campaignId: 'jingmen-2019',
      reportId: 'jingmen-2019.r1',
      uploadId,
      contentType: 'image/png',
    } as const;
    expect(verifiedKey(upload)).toBe(`verified/${key}`);
    expect(thumbnailKey(upload)).toBe(
      `verified/campaigns/jingmen-2019/activity-reports/jingmen-2019.r1/${uploadId}-thumb.jpg`,
    );
    expect(parseUploadKey(`campaigns/c/reports/r/${uploadId}.jpg`)).toBeUndefined();
  });

  it("keeps verified files outside the uploaders' prefix", () => {
    const key = verifiedKey({
      campaignId: 'c',
      nominationId: 'c.n',
      uploadId: '0b7c3f0e-8f57-4b8e-9a53-1c0d6f0a2b11',
      contentType: 'image/png',
    });
    expect(key.startsWith('campaigns/')).toBe(false);
    expect(parseUploadKey(key)).toBeUndefined();
  });

  it('refuses keys it never issues', () => {
    for (const key of [
      'campaigns/c/nominations/n/evil.jpg',
      'campaigns/c/nominations/n/0b7c3f0e-8f57-4b8e-9a53-1c0d6f0a2b11.html',
      'campaigns/c/nominations/../0b7c3f0e-8f57-4b8e-9a53-1c0d6f0a2b11.jpg',
      'campaigns/c/nominations/n/x/0b7c3f0e-8f57-4b8e-9a53-1c0d6f0a2b11.jpg',
      'campaigns/c d/nominations/n/0b7c3f0e-8f57-4b8e-9a53-1c0d6f0a2b11.jpg',
    ]) {
      expect(parseUploadKey(key), key).toBeUndefined();
    }
  });

  it('decodes keys as S3 events carry them (+ for space, %XX), and refuses malformed escapes', () => {
    expect(decodeS3EventKey('campaigns/a+b/%E7%85%A7%E7%89%87.jpg')).toBe('campaigns/a b/照片.jpg');
    expect(decodeS3EventKey('campaigns/100%25/x.jpg')).toBe('campaigns/100%/x.jpg');
    expect(decodeS3EventKey('campaigns/%E0%A4%A/x.jpg')).toBeUndefined();
  });
});
