/**
 * What an uploaded object really is, from its bytes: size, magic bytes (JPEG `FF D8 FF`, PNG,
 * `%PDF-`), and for images the dimensions from the JPEG frame header (SOF0/SOF2/...) or the PNG
 * IHDR chunk, plus a truncation check. No image library: the headers are parsed here.
 */
import { type Bilingual, say } from '../errors';
import { IMAGE_SIDE_PX, type ContentType, type UploadKindRule } from './upload';

export type ContentVerdict =
  | { ok: true; size: number; width?: number; height?: number }
  | { ok: false; reason: Bilingual; size: number; width?: number; height?: number };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/** The type the bytes show by their magic numbers, whatever anyone declared. */
export const sniffContentType = (bytes: Uint8Array): ContentType | undefined => {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return undefined;
};

// Start-of-frame markers: baseline, extended, progressive, lossless (Huffman and arithmetic); not DHT (C4), JPG (C8),
// DAC (CC).
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const SOS = 0xda;
const EOI = 0xd9;

type Parsed = { width: number; height: number } | { error: Bilingual };

/** Walks a JPEG's marker segments to its frame header and its scan; an error names what is missing. */
export const jpegDimensions = (bytes: Uint8Array): Parsed => {
  let frame: { width: number; height: number } | undefined;
  let i = 2;
  while (i + 1 < bytes.length) {
    if (bytes[i] !== 0xff) return { error: say('JPEG 文件的段结构已损坏', 'the JPEG segment structure is corrupt') };
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      i += 2; // markers without a length
      continue;
    }
    if (marker === EOI) break;
    if (i + 3 >= bytes.length) break;
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (length < 2) return { error: say('JPEG 文件的段结构已损坏', 'the JPEG segment structure is corrupt') };
    if (SOF_MARKERS.has(marker)) {
      if (length < 8 || i + 9 >= bytes.length)
        return { error: say('JPEG 文件的帧头不完整', 'the JPEG frame header is truncated') };
      frame = { height: (bytes[i + 5]! << 8) | bytes[i + 6]!, width: (bytes[i + 7]! << 8) | bytes[i + 8]! };
    }
    if (marker === SOS) {
      if (!frame)
        return {
          error: say(
            'JPEG 文件在图像数据前缺少帧头（SOF）',
            'the JPEG has no frame header (SOF) before its image data',
          ),
        };
      // Entropy-coded data never holds FF D9 (FF is stuffed as FF 00): an EOI after the scan means the file is
      // complete.
      const end = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).lastIndexOf(Buffer.from([0xff, EOI]));
      return end > i
        ? frame
        : {
            error: say(
              'JPEG 文件不完整（图像数据后缺少结束标记）',
              'the JPEG is truncated (no end-of-image marker after the image data)',
            ),
          };
    }
    i += 2 + length;
  }
  return {
    error: frame
      ? say('JPEG 文件缺少图像数据（SOS）', 'the JPEG has no image data (SOS)')
      : say('JPEG 文件缺少帧头（SOF）', 'the JPEG has no frame header (SOF)'),
  };
};

/** Reads a PNG's IHDR dimensions and checks it ends with IEND. */
export const pngDimensions = (bytes: Uint8Array): Parsed => {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (view.length < 33 || view.toString('latin1', 12, 16) !== 'IHDR')
    return { error: say('PNG 文件缺少 IHDR 头', 'the PNG has no IHDR header') };
  if (view.lastIndexOf('IEND', undefined, 'latin1') < view.length - 12)
    return { error: say('PNG 文件不完整（末尾缺少 IEND 块）', 'the PNG is truncated (no IEND chunk at the end)') };
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
};

const pdfComplete = (bytes: Uint8Array): boolean => {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).subarray(Math.max(0, bytes.length - 1024));
  return tail.includes('%%EOF', 0, 'latin1');
};

const TYPE_NAMES: Record<ContentType, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'application/pdf': 'PDF' };

/** "a JPEG", "a JPEG, PNG or PDF" ("JPEG、PNG 或 PDF"): the types as people name them, for a sentence. */
const anyOf = (types: readonly ContentType[]): Bilingual => {
  const names = types.map((t) => TYPE_NAMES[t]);
  const [last, rest] = [names.at(-1)!, names.slice(0, -1)];
  return rest.length > 0
    ? { zh: `${rest.join('、')} 或 ${last}`, en: `a ${rest.join(', ')} or ${last}` }
    : { zh: last, en: `a ${last}` };
};

const sideOk = (px: number) => px >= IMAGE_SIDE_PX.min && px <= IMAGE_SIDE_PX.max;

/**
 * The verdict on an uploaded object: its real size within the kind's range, its magic bytes those
 * of the declared type (and the stored Content-Type that type), images of sane dimensions, files complete.
 */
export const checkUploadContent = (
  rule: UploadKindRule,
  declared: ContentType,
  bytes: Uint8Array,
  storedContentType: string | undefined,
): ContentVerdict => {
  const size = bytes.length;
  if (size < rule.minBytes || size > rule.maxBytes) {
    return {
      ok: false,
      size,
      reason: say(
        `文件为 ${size} 字节，${rule.label}须在 ${rule.minBytes} 至 ${rule.maxBytes} 字节之间`,
        `the file is ${size} bytes; a ${rule.label} must be ${rule.minBytes} to ${rule.maxBytes} bytes`,
      ),
    };
  }
  const actual = sniffContentType(bytes);
  if (!actual) {
    const types = anyOf(rule.contentTypes);
    return {
      ok: false,
      size,
      reason: say(
        `文件不是 ${types.zh} 文件（文件头与之不符）`,
        `the file is not ${types.en} file (its first bytes say otherwise)`,
      ),
    };
  }
  if (actual !== declared)
    return {
      ok: false,
      size,
      reason: say(
        `文件实为 ${actual}，而申报的类型为 ${declared}`,
        `the file is ${actual}, but ${declared} was declared`,
      ),
    };
  if (storedContentType !== declared) {
    return {
      ok: false,
      size,
      reason: say(
        `文件的存储类型为 ${storedContentType ?? '（无）'}，而非 ${declared}`,
        `the file was stored as ${storedContentType ?? 'no content type'}, not ${declared}`,
      ),
    };
  }
  if (actual === 'application/pdf') {
    return pdfComplete(bytes)
      ? { ok: true, size }
      : {
          ok: false,
          size,
          reason: say('PDF 文件不完整（末尾缺少 %%EOF）', 'the PDF is truncated (no %%EOF at the end)'),
        };
  }
  const parsed = actual === 'image/jpeg' ? jpegDimensions(bytes) : pngDimensions(bytes);
  if ('error' in parsed) return { ok: false, size, reason: parsed.error };
  const { width, height } = parsed;
  if (!sideOk(width) || !sideOk(height)) {
    return {
      ok: false,
      size,
      width,
      height,
      reason: say(
        `图片为 ${width}x${height} 像素，每边须在 ${IMAGE_SIDE_PX.min} 至 ${IMAGE_SIDE_PX.max} 像素之间`,
        `the image is ${width}x${height} px; each side must be ${IMAGE_SIDE_PX.min} to ${IMAGE_SIDE_PX.max} px`,
      ),
    };
  }
  return { ok: true, size, width, height };
};
