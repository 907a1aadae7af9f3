import { describe, expect, it } from 'vitest';
import {
  checkUploadContent,
  jpegDimensions,
  pngDimensions,
  sniffContentType,
} from '../../shared/uploads/content-checks';
import { uploadKindRules } from '../../shared/uploads/upload';
import { makeJpeg, makePdf, makePng } from './images';

const KB = 1024;
const photo = uploadKindRules.activity_photo;
const certificate = uploadKindRules.certificate;

describe('magic bytes', () => {
  it('tells JPEG, PNG and PDF by their first bytes, and nothing else', () => {
    expect(sniffContentType(makeJpeg({ width: 300, height: 300 }))).toBe('image/jpeg');
    expect(sniffContentType(makePng({ width: 300, height: 300 }))).toBe('image/png');
    expect(sniffContentType(makePdf())).toBe('application/pdf');
    expect(sniffContentType(Buffer.from('GIF89a....'))).toBeUndefined();
    expect(sniffContentType(Buffer.from('<html><script>alert(1)</script>'))).toBeUndefined();
    expect(sniffContentType(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('JPEG frame header', () => {
  it('reads the dimensions from SOF0, past APP and comment segments', () => {
    expect(jpegDimensions(makeJpeg({ width: 4032, height: 3024, size: 700 * KB }))).toEqual({
      width: 4032,
      height: 3024,
    });
  });

  it('reads the dimensions from SOF2 (progressive)', () => {
    const jpeg = makeJpeg({ width: 800, height: 600 });
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    jpeg[sof + 1] = 0xc2;
    expect(jpegDimensions(jpeg)).toEqual({ width: 800, height: 600 });
  });

  it('refuses a JPEG cut short, one without a frame header, and a corrupt segment chain', () => {
    const jpeg = makeJpeg({ width: 800, height: 600, size: 10 * KB });
    expect(jpegDimensions(jpeg.subarray(0, jpeg.length - 2))).toEqual({
      error: { zh: expect.stringMatching(/\p{Script=Han}/u), en: expect.stringMatching(/truncated/) },
    });
    expect(jpegDimensions(jpeg.subarray(0, 200))).toEqual({
      error: { zh: expect.stringMatching(/\p{Script=Han}/u), en: expect.stringMatching(/no image data|truncated/) },
    });
    const noFrame = Buffer.from(jpeg);
    const sof = noFrame.indexOf(Buffer.from([0xff, 0xc0]));
    noFrame[sof + 1] = 0xfe; // the SOF becomes a comment
    expect(jpegDimensions(noFrame)).toEqual({
      error: { zh: expect.stringMatching(/\p{Script=Han}/u), en: expect.stringMatching(/no frame header/) },
    });
    expect(jpegDimensions(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x12, 0x34, 0x00]))).toHaveProperty('error');
    expect(jpegDimensions(Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.from('not segments at all')]))).toEqual({
      error: { zh: expect.stringMatching(/\p{Script=Han}/u), en: expect.stringMatching(/corrupt/) },
    });
  });
});

describe('the verdict on an upload', () => {
  it('accepts a real 600 KB activity photo of 1600x1200 px', () => {
    const jpeg = makeJpeg({ width: 1600, height: 1200, size: 600 * KB });
    expect(checkUploadContent(photo, 'image/jpeg', jpeg, 'image/jpeg')).toEqual({
      ok: true,
      size: 600 * KB,
      width: 1600,
      height: 1200,
    });
  });

  it('refuses an activity photo under 500 KB or over 2 MB, naming the range', () => {
    const small = checkUploadContent(
      photo,
      'image/jpeg',
      makeJpeg({ width: 1600, height: 1200, size: 499 * KB }),
      'image/jpeg',
    );
    expect(small).toMatchObject({ ok: false, reason: { en: expect.stringContaining('512000 to 2097152 bytes') } });
    const large = checkUploadContent(
      photo,
      'image/jpeg',
      makeJpeg({ width: 1600, height: 1200, size: 2 * 1024 * KB + 1 }),
      'image/jpeg',
    );
    expect(large).toMatchObject({ ok: false, size: 2 * 1024 * KB + 1 });
  });

  it('refuses a file that is not what it claims to be', () => {
    const png = makePng({ width: 1600, height: 1200, size: 600 * KB });
    expect(checkUploadContent(photo, 'image/jpeg', png, 'image/jpeg')).toMatchObject({
      ok: false,
      reason: {
        zh: '文件实为 image/png，而申报的类型为 image/jpeg',
        en: 'the file is image/png, but image/jpeg was declared',
      },
    });
    const text = Buffer.alloc(600 * KB, 'not a picture ');
    expect(checkUploadContent(photo, 'image/jpeg', text, 'image/jpeg')).toMatchObject({
      ok: false,
      reason: { en: 'the file is not a JPEG file (its first bytes say otherwise)' },
    });
    expect(
      checkUploadContent(certificate, 'application/pdf', Buffer.alloc(4 * KB, 'GIF89a'), 'application/pdf'),
    ).toMatchObject({
      ok: false,
      reason: {
        zh: '文件不是 JPEG、PNG 或 PDF 文件（文件头与之不符）',
        en: 'the file is not a JPEG, PNG or PDF file (its first bytes say otherwise)',
      },
    });
  });

  it('refuses a real JPEG stored with another Content-Type (it would be served as that)', () => {
    const jpeg = makeJpeg({ width: 1600, height: 1200, size: 600 * KB });
    expect(checkUploadContent(photo, 'image/jpeg', jpeg, 'text/html')).toMatchObject({
      ok: false,
      reason: { en: expect.stringContaining('text/html') },
    });
  });

  it('refuses images under 200 px or over 10000 px a side', () => {
    const tiny = checkUploadContent(
      photo,
      'image/jpeg',
      makeJpeg({ width: 199, height: 1200, size: 600 * KB }),
      'image/jpeg',
    );
    expect(tiny).toMatchObject({
      ok: false,
      width: 199,
      height: 1200,
      reason: { en: expect.stringContaining('199x1200') },
    });
    const huge = checkUploadContent(
      photo,
      'image/jpeg',
      makeJpeg({ width: 10001, height: 300, size: 600 * KB }),
      'image/jpeg',
    );
    expect(huge).toMatchObject({ ok: false, width: 10001 });
    const flatPng = checkUploadContent(certificate, 'image/png', makePng({ width: 5000, height: 100 }), 'image/png');
    expect(flatPng).toMatchObject({ ok: false, height: 100 });
  });

  it('accepts a certificate as a PNG or a complete PDF, and refuses a truncated one', () => {
    expect(checkUploadContent(certificate, 'image/png', makePng({ width: 1000, height: 700 }), 'image/png')).toEqual({
      ok: true,
      size: 2048,
      width: 1000,
      height: 700,
    });
    expect(pngDimensions(makePng({ width: 1000, height: 700 }).subarray(0, 1500))).toEqual({
      error: { zh: expect.stringMatching(/\p{Script=Han}/u), en: expect.stringMatching(/truncated/) },
    });
    expect(checkUploadContent(certificate, 'application/pdf', makePdf(4096), 'application/pdf')).toEqual({
      ok: true,
      size: 4096,
    });
    expect(
      checkUploadContent(certificate, 'application/pdf', makePdf(4096).subarray(0, 3000), 'application/pdf'),
    ).toMatchObject({ ok: false, reason: { en: expect.stringMatching(/truncated/) } });
  });
});
