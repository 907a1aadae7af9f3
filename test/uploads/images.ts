/**
 * Real files for upload tests, built byte by byte: a baseline grayscale JPEG any decoder can read
 * (every 8x8 block a flat grey: DC difference 0, then end-of-block, both Huffman code `0`), padded
 * to an exact size with comment segments, with any metadata segments a phone would add; a PNG's
 * chunk structure; a minimal PDF.
 */
const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
/** One JPEG marker segment: FF, the marker, the length, the payload. */
export const segment = (marker: number, payload: number[] | Buffer) =>
  Buffer.concat([Buffer.from([0xff, marker, ...u16(payload.length + 2)]), Buffer.from(payload)]);

/**
 * A decodable baseline JPEG of the given dimensions, exactly `size` bytes when given; `metadata`
 * segments go after the JFIF header, `trailer` bytes after the end-of-image marker.
 */
export const makeJpeg = ({
  width,
  height,
  size,
  metadata = [],
  trailer = Buffer.alloc(0),
}: {
  width: number;
  height: number;
  size?: number;
  metadata?: Buffer[];
  trailer?: Buffer;
}): Buffer => {
  const jfif = segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, ...u16(1), ...u16(1), 0, 0]);
  const dqt = segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]);
  const sof0 = segment(0xc0, [8, ...u16(height), ...u16(width), 1, 1, 0x11, 0]);
  const oneCodeTable = (tableClass: number) =>
    segment(0xc4, [tableClass << 4, 1, ...new Array<number>(15).fill(0), 0x00]);
  const sos = segment(0xda, [1, 1, 0x00, 0, 63, 0]);
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = blocks * 2;
  const scan = Buffer.alloc(Math.ceil(bits / 8), 0);
  if (bits % 8 !== 0) scan[scan.length - 1] = 0xff >> (bits % 8); // pad the last byte with 1-bits
  const head = [Buffer.from([0xff, 0xd8]), jfif, ...metadata, dqt, sof0, oneCodeTable(0), oneCodeTable(1)];
  const tail = [sos, scan, Buffer.from([0xff, 0xd9]), trailer];
  const base = Buffer.concat([...head, ...tail]).length;
  const padding: Buffer[] = [];
  if (size !== undefined) {
    if (size < base) throw new Error(`a ${width}x${height} JPEG needs at least ${base} bytes`);
    let remaining = size - base;
    while (remaining > 0) {
      if (remaining < 4) throw new Error('cannot pad by fewer than 4 bytes');
      let payload = Math.min(remaining - 4, 65533);
      if (remaining - 4 - payload > 0 && remaining - 4 - payload < 4) payload -= 4;
      padding.push(segment(0xfe, Buffer.alloc(payload, 0x20)));
      remaining -= payload + 4;
    }
  }
  return Buffer.concat([...head, ...padding, ...tail]);
};

/** A TIFF IFD (little-endian): entries `[tag, type, count, value or offset]`, no next IFD. */
const ifd = (entries: Array<[number, number, number, number]>): Buffer => {
  const out = Buffer.alloc(2 + 12 * entries.length + 4);
  out.writeUInt16LE(entries.length, 0);
  entries.forEach(([tag, type, count, value], n) => {
    out.writeUInt16LE(tag, 2 + 12 * n);
    out.writeUInt16LE(type, 4 + 12 * n);
    out.writeUInt32LE(count, 6 + 12 * n);
    if (type === 3) out.writeUInt16LE(value, 10 + 12 * n);
    else out.writeUInt32LE(value, 10 + 12 * n);
  });
  return out;
};

/**
 * An APP1 EXIF segment as a phone writes it (little-endian TIFF): camera model, time taken, a GPS
 * position (31°2'N), and the orientation when given.
 */
export const exifSegment = ({ orientation }: { orientation?: number } = {}): Buffer => {
  const camera = Buffer.from('iPhone 12 Pro\0', 'latin1');
  const taken = Buffer.from('2019:07:01 09:30:00\0', 'latin1');
  const ifd0Entries = 3 + (orientation ? 1 : 0);
  const cameraAt = 8 + 2 + 12 * ifd0Entries + 4;
  const takenAt = cameraAt + camera.length;
  const gpsAt = takenAt + taken.length;
  const latitudeAt = gpsAt + 2 + 12 * 2 + 4;
  const ifd0 = ifd([
    [0x0110, 2, camera.length, cameraAt],
    ...(orientation ? [[0x0112, 3, 1, orientation] as [number, number, number, number]] : []),
    [0x9003, 2, taken.length, takenAt],
    [0x8825, 4, 1, gpsAt],
  ]);
  const gps = ifd([
    [0x0001, 2, 2, 0x4e], // GPSLatitudeRef "N"
    [0x0002, 5, 3, latitudeAt], // GPSLatitude 31/1 2/1 0/1
  ]);
  const latitude = Buffer.alloc(24);
  [31, 1, 2, 1, 0, 1].forEach((v, n) => latitude.writeUInt32LE(v, 4 * n));
  const tiff = Buffer.concat([Buffer.from('II\x2a\0\x08\0\0\0', 'latin1'), ifd0, camera, taken, gps, latitude]);
  return segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]));
};

/** One PNG chunk: length, type, data and a CRC field (zeros: only the structure is under test). */
export const pngChunk = (type: string, data: Buffer): Buffer => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, data, Buffer.alloc(4)]);
};

/**
 * A PNG signature, IHDR of the given dimensions, any `metadata` chunks, an IDAT padding it to `size`, IEND (structure
 * only).
 */
export const makePng = ({
  width,
  height,
  size = 2048,
  metadata = [],
}: {
  width: number;
  height: number;
  size?: number;
  metadata?: Buffer[];
}): Buffer => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const head = Buffer.concat([signature, pngChunk('IHDR', header), ...metadata]);
  const iend = pngChunk('IEND', Buffer.alloc(0));
  const fill = size - head.length - iend.length - 12;
  return Buffer.concat([head, ...(fill >= 0 ? [pngChunk('IDAT', Buffer.alloc(fill, 0))] : []), iend]);
};

/** A minimal PDF with a trailer, padded to `size`. */
export const makePdf = (size = 2048): Buffer => {
  const head = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n',
    'latin1',
  );
  const tail = Buffer.from('trailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - tail.length), 0x20), tail]);
};
