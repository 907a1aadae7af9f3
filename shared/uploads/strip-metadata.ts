/**
 * What the verifier publishes of a checked image (SPEC.md "Personal data"): the same picture without
 * the metadata phones and editors write into it: EXIF (GPS position, camera, time, and a thumbnail
 * of the uncropped original), XMP, IPTC, comments, PNG text chunks, and anything after the image's end
 * (a "motion photo" video, say). Every segment that affects how the pixels decode is kept
 * byte-exact: JPEG tables, frame and scans, JFIF, the ICC colour profile and Adobe's colour transform;
 * PNG's critical and colour chunks. The EXIF orientation survives as a new one-tag EXIF block, or
 * portrait photos from phones would show on their side. PDFs are never public and stay as they are.
 */
import { type Bilingual, say } from '../errors';
import type { ContentType } from './upload';

export type Stripped = { bytes: Uint8Array } | { error: Bilingual };

const SOS = 0xda;
const EOI = 0xd9;
const COM = 0xfe;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const isApp = (marker: number) => marker >= APP0 && marker <= 0xef;
const isRestart = (marker: number | undefined) => marker !== undefined && marker >= 0xd0 && marker <= 0xd7;

const startsWithText = (payload: Buffer, text: string) =>
  payload.length >= text.length && payload.toString('latin1', 0, text.length) === text;

/** The APPn segments that change how the image decodes: JFIF, the ICC profile, Adobe's colour transform. */
const DECODING_APPS: Record<number, string> = { [APP0]: 'JFIF\0', [APP2]: 'ICC_PROFILE\0', [APP14]: 'Adobe' };

/** Whether a segment stays: not a comment, and an APPn only when it changes how the image decodes. */
const decodingSegment = (marker: number, payload: Buffer): boolean => {
  if (marker === COM) return false;
  if (!isApp(marker)) return true;
  const id = DECODING_APPS[marker];
  return id !== undefined && startsWithText(payload, id);
};

/** The EXIF orientation (2-8) of an APP1 payload, undefined when it has none or the normal one. */
const exifOrientation = (payload: Buffer): number | undefined => {
  if (!startsWithText(payload, 'Exif\0\0') || payload.length < 14) return undefined;
  const tiff = payload.subarray(6);
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const u16 = (at: number) => (order === 'II' ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (order === 'II' ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return undefined;
  const entries = u16(ifd);
  for (let n = 0; n < entries && ifd + 2 + 12 * (n + 1) <= tiff.length; n++) {
    const entry = ifd + 2 + 12 * n;
    if (u16(entry) === 0x0112 && u16(entry + 2) === 3) {
      const orientation = u16(entry + 8);
      return orientation >= 2 && orientation <= 8 ? orientation : undefined;
    }
  }
  return undefined;
};

/** An APP1 segment whose EXIF holds the orientation and nothing else (big-endian TIFF, one IFD, one entry). */
const orientationOnlyExif = (orientation: number): Buffer => {
  const payload = Buffer.concat([
    Buffer.from('Exif\0\0MM\0\x2a\0\0\0\x08', 'latin1'),
    Buffer.from([
      0x00,
      0x01,
      0x01,
      0x12,
      0x00,
      0x03,
      0x00,
      0x00,
      0x00,
      0x01,
      0x00,
      orientation,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
    ]),
  ]);
  return Buffer.concat([Buffer.from([0xff, APP1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
};

/**
 * A JPEG without its metadata segments (APP1-APP15 but the ICC profile and Adobe's, non-JFIF APP0,
 * COM) and without anything after its end-of-image marker; every other byte as it was.
 */
export const stripJpegMetadata = (bytes: Uint8Array): Stripped => {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const corrupt = { error: say('JPEG 文件的段结构已损坏', 'the JPEG segment structure is corrupt') };
  const kept: Buffer[] = [b.subarray(0, 2)];
  let orientationKept = false;
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff) return corrupt;
    while (b[i + 1] === 0xff) i++; // fill bytes before a marker
    const marker = b[i + 1];
    if (marker === undefined) return corrupt;
    if (marker === EOI) return { bytes: Buffer.concat([...kept, b.subarray(i, i + 2)]) };
    if (marker === 0x01 || isRestart(marker)) {
      kept.push(b.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (i + 4 > b.length) return corrupt;
    const end = i + 2 + b.readUInt16BE(i + 2);
    if (end < i + 4 || end > b.length) return corrupt;
    const payload = b.subarray(i + 4, end);
    if (marker === APP1 && !orientationKept) {
      const orientation = exifOrientation(payload);
      if (orientation !== undefined) {
        kept.push(orientationOnlyExif(orientation));
        orientationKept = true;
      }
    } else if (decodingSegment(marker, payload)) {
      kept.push(b.subarray(i, end));
    }
    i = end;
    if (marker === SOS) {
      // Entropy-coded data runs to the next marker: FF 00 is a stuffed FF byte, FF D0-D7 a restart marker.
      let j = i;
      while (j < b.length && !(b[j] === 0xff && b[j + 1] !== 0x00 && !isRestart(b[j + 1]))) j++;
      kept.push(b.subarray(i, j));
      i = j;
    }
  }
  return { error: say('JPEG 文件不完整（缺少结束标记）', 'the JPEG is truncated (no end-of-image marker)') };
};

const PNG_SIGNATURE_BYTES = 8;
/** Ancillary PNG chunks that carry text, EXIF or a timestamp, none of them needed to show the image. */
const PNG_METADATA_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

/** A PNG without its text, EXIF and time chunks and without anything after IEND; every other chunk as it was. */
export const stripPngMetadata = (bytes: Uint8Array): Stripped => {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const kept: Buffer[] = [b.subarray(0, PNG_SIGNATURE_BYTES)];
  let i = PNG_SIGNATURE_BYTES;
  while (i + 12 <= b.length) {
    const type = b.toString('latin1', i + 4, i + 8);
    const end = i + 12 + b.readUInt32BE(i);
    if (end > b.length) break;
    if (!PNG_METADATA_CHUNKS.has(type)) kept.push(b.subarray(i, end));
    if (type === 'IEND') return { bytes: Buffer.concat(kept) };
    i = end;
  }
  return { error: say('PNG 文件的块结构已损坏', 'the PNG chunk structure is corrupt') };
};

/** The bytes to publish for a checked upload: images without their metadata, PDFs (never public) as they are. */
export const stripMetadata = (contentType: ContentType, bytes: Uint8Array): Stripped => {
  if (contentType === 'image/jpeg') return stripJpegMetadata(bytes);
  if (contentType === 'image/png') return stripPngMetadata(bytes);
  return { bytes };
};
