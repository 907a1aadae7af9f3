import { describe, expect, it } from 'vitest';
import { UPLOAD_KINDS, uploadKindRules, type Upload } from '../../shared/uploads/upload';
import type { UploadRepository } from '../../shared/uploads/upload-repository';
import type { UploadStorage } from '../../shared/uploads/upload-storage';
import { publicPhotos } from '../../shared/uploads/uploads';

const upload = (kind: Upload['kind'], n: number, status: Upload['status'] = 'verified'): Upload => ({
  uploadId: `00000000-0000-4000-8000-00000000000${n}`,
  nominationId: 'c1.abc',
  campaignId: 'c1',
  kind,
  contentType: uploadKindRules[kind].contentTypes.at(-1)!,
  filename: `${kind}.bin`,
  declaredSize: 1000,
  key: `campaigns/c1/nominations/c1.abc/${n}`,
  status,
  createdAt: `2019-05-0${n}T00:00:00.000Z`,
  createdBy: 'applicant',
  policyExpiresAt: '2019-05-10T00:00:00.000Z',
});

describe('photos on the public candidate list', () => {
  it('are only verified unit photos, portraits and activity photos (all JPEG): never certificates or endorsement scans (PDF or PNG)', async () => {
    const all = [
      ...UPLOAD_KINDS.map((kind, n) => upload(kind, n + 1)),
      upload('activity_photo', 7, 'rejected'),
      upload('activity_photo', 8, 'pending'),
    ];
    const uploads = { list: async () => all } as unknown as UploadRepository;
    const storage = { presignGet: async (key: string) => `https://s3.example/${key}` } as unknown as UploadStorage;
    const photos = await publicPhotos('c1.abc', { uploads, storage, expiry: { postSeconds: 60, getSeconds: 60 } });
    expect(photos.map((p) => p.kind)).toEqual(['unit_photo', 'portrait', 'activity_photo']);
    expect(photos.every((p) => p.url.endsWith('.jpg'))).toBe(true);
    for (const kind of ['unit_photo', 'portrait', 'activity_photo'] as const)
      expect(uploadKindRules[kind].contentTypes).toEqual(['image/jpeg']);
  });
});
