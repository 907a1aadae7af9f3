import { describe, expect, it } from 'vitest';
import { checkUploadContent, jpegDimensions } from '../../shared/uploads/content-checks';
import { stripJpegMetadata, stripMetadata, stripPngMetadata } from '../../shared/uploads/strip-metadata';
import { uploadKindRules } from '../../shared/uploads/upload';
import { exifSegment, makeJpeg, makePdf, makePng, pngChunk, segment } from './images';

const KB = 1024;

/** The markers of a JPEG's segments before its image data, e.g. `['e0', 'db', 'c0', ...]`. */
const markersBeforeScan = (jpeg: Uint8Array): string[] => {
  const b = Buffer.from(jpeg);
  const found: string[] = [];
  for (let i = 2; i + 3 < b.length && b[i] === 0xff; i += 2 + b.readUInt16BE(i + 2)) {
    found.push(b[i + 1]!.toString(16));
    if (b[i + 1] === 0xda) break;
  }
  return found;
};

/** The chunk types of a PNG, in order. */
const pngChunks = (png: Uint8Array): string[] => {
  const b = Buffer.from(png);
  const types: string[] = [];
  for (let i = 8; i + 12 <= b.length; i += 12 + b.readUInt32BE(i)) types.push(b.toString('latin1', i + 4, i + 8));
  return types;
};

const stripped = (result: ReturnType<typeof stripMetadata>): Buffer => {
  if ('error' in result) throw new Error(result.error.en);
  return Buffer.from(result.bytes);
};

const xmp = segment(
  0xe1,
  Buffer.from(
    'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>31,2N</exif:GPSLatitude></x:xmpmeta>',
    'latin1',
  ),
);
const icc = segment(
  0xe2,
  Buffer.concat([Buffer.from('ICC_PROFILE\0', 'latin1'), Buffer.from([1, 1]), Buffer.alloc(64, 7)]),
);
const mpf = segment(0xe2, Buffer.from('MPF\0 secondary image with its own EXIF', 'latin1'));
const iptc = segment(0xed, Buffer.from('Photoshop 3.0\0 8BIM by-line: 张三', 'utf8'));
const adobe = segment(0xee, Buffer.from('Adobe\0\x64\0\0\0\0\x01', 'latin1'));
const comment = segment(0xfe, Buffer.from('taken at home, Dongbao', 'latin1'));
const jfxxThumbnail = segment(0xe0, Buffer.from('JFXX\0\x10 uncropped thumbnail', 'latin1'));
const motionVideo = Buffer.from('\0\0\0\x18ftypmp42 video of the room with its own GPS', 'latin1');

describe('metadata stripped from a verified JPEG', () => {
  const phone = makeJpeg({
    width: 4032,
    height: 3024,
    metadata: [exifSegment(), xmp, jfxxThumbnail, icc, mpf, iptc, adobe, comment],
    trailer: motionVideo,
  });

  it('drops EXIF (GPS, camera, time), XMP, IPTC, MPF, thumbnails, comments and trailing data; keeps every decoding byte as it was', () => {
    const out = stripped(stripJpegMetadata(phone));
    expect(phone.includes('iPhone 12 Pro')).toBe(true); // the test file really carries them
    for (const leak of ['iPhone 12 Pro', '2019:07:01', 'GPSLatitude', '张三', 'Dongbao', 'ftypmp42', 'JFXX', 'MPF'])
      expect(out.includes(leak), leak).toBe(false);
    expect(markersBeforeScan(out)).toEqual(['e0', 'e2', 'ee', 'db', 'c0', 'c4', 'c4', 'da']);
    expect(out.equals(makeJpeg({ width: 4032, height: 3024, metadata: [icc, adobe] }))).toBe(true);
  });

  it('leaves a JPEG that still decodes to the same dimensions and passes the same checks', () => {
    const padded = makeJpeg({ width: 1600, height: 1200, size: 600 * KB, metadata: [exifSegment()] });
    const out = stripped(stripJpegMetadata(padded));
    expect(jpegDimensions(out)).toEqual({ width: 1600, height: 1200 });
    expect(checkUploadContent(uploadKindRules.certificate, 'image/jpeg', out, 'image/jpeg')).toMatchObject({
      ok: true,
      width: 1600,
      height: 1200,
    });
    expect(out.equals(makeJpeg({ width: 1600, height: 1200 }))).toBe(true); // the comment padding went too
  });

  it('keeps the orientation, and only it, so a portrait photo from a phone is not shown on its side', () => {
    const out = stripped(
      stripJpegMetadata(makeJpeg({ width: 4032, height: 3024, metadata: [exifSegment({ orientation: 6 })] })),
    );
    expect(markersBeforeScan(out)).toEqual(['e0', 'e1', 'db', 'c0', 'c4', 'c4', 'da']);
    const app1 = out.subarray(out.indexOf(Buffer.from([0xff, 0xe1])));
    // Exif, big-endian TIFF, one IFD with one entry: 0x0112 SHORT 1 = 6, no next IFD.
    expect(app1.subarray(0, 36).toString('hex')).toBe(
      'ffe100224578696600004d4d002a00000008000101120003000000010006000000000000',
    );
    expect(out.includes('iPhone 12 Pro')).toBe(false);
    expect(out.includes(Buffer.from([0x88, 0x25]))).toBe(false); // no GPS IFD pointer
  });

  it('refuses a JPEG whose segments cannot be walked to its end', () => {
    const jpeg = makeJpeg({ width: 800, height: 600, metadata: [exifSegment()] });
    expect(stripJpegMetadata(jpeg.subarray(0, jpeg.length - 2))).toEqual({
      error: { zh: expect.stringMatching(/损坏|不完整/), en: expect.stringMatching(/truncated|corrupt/) },
    });
    const badLength = Buffer.from(jpeg);
    badLength.writeUInt16BE(0xfff0, 4); // the JFIF segment claims to run past the end
    expect(stripJpegMetadata(badLength)).toEqual({
      error: { zh: expect.stringMatching(/损坏|不完整/), en: expect.stringMatching(/corrupt/) },
    });
  });
});

describe('metadata stripped from a verified PNG', () => {
  it('drops text, EXIF and time chunks and trailing data; keeps the colour chunks and the image data as they were', () => {
    const text = (type: string, body: string) => pngChunk(type, Buffer.from(body, 'latin1'));
    const colour = [
      pngChunk('iCCP', Buffer.from('sRGB\0\0profile', 'latin1')),
      pngChunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f])),
    ];
    const png = Buffer.concat([
      makePng({
        width: 1000,
        height: 700,
        metadata: [
          ...colour,
          text('tEXt', 'Author\0Zhang San'),
          text('iTXt', 'XML:com.adobe.xmp\0GPS'),
          text('zTXt', 'Comment\0x'),
          text('eXIf', 'MM\0*GPS'),
          text('tIME', '\x07\xe3\x07\x01\x09\x1e\0'),
        ],
      }),
      Buffer.from('trailing secret', 'latin1'),
    ]);
    const out = stripped(stripPngMetadata(png));
    expect(pngChunks(out)).toEqual(['IHDR', 'iCCP', 'gAMA', 'IDAT', 'IEND']);
    expect(out.includes('Zhang San') || out.includes('GPS') || out.includes('trailing secret')).toBe(false);
    const idat = (b: Buffer) => b.subarray(b.indexOf('IDAT') - 4, b.indexOf('IEND') - 4);
    expect(idat(out).equals(idat(png))).toBe(true);
    expect(checkUploadContent(uploadKindRules.certificate, 'image/png', out, 'image/png')).toMatchObject({
      ok: true,
      width: 1000,
      height: 700,
    });
  });

  it('refuses a PNG whose chunks run past its end', () => {
    expect(stripPngMetadata(makePng({ width: 1000, height: 700 }).subarray(0, 1500))).toEqual({
      error: { zh: expect.stringMatching(/损坏|不完整/), en: expect.stringMatching(/corrupt/) },
    });
  });
});

describe('PDFs', () => {
  it('are kept as they are (certificates and scans are never public)', () => {
    const pdf = makePdf(4096);
    expect(stripped(stripMetadata('application/pdf', pdf)).equals(pdf)).toBe(true);
  });
});
