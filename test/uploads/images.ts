/**
 * Real files for upload tests, built byte by byte: a baseline grayscale JPEG any decoder can read
 * (every 8x8 block a flat grey: DC difference 0, then end-of-block, both Huffman code `0`), padded
 * to an exact size with comment segments; a PNG header; a minimal PDF.
 */
const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const segment = (marker: number, payload: number[] | Buffer) => Buffer.concat([Buffer.from([0xff, marker, ...u16(payload.length + 2)]), Buffer.from(payload)]);

/** A decodable baseline JPEG of the given dimensions, exactly `size` bytes when given. */
export const makeJpeg = ({ width, height, size }: { width: number; height: number; size?: number }): Buffer => {
  const jfif = segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, ...u16(1), ...u16(1), 0, 0]);
  const dqt = segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]);
  const sof0 = segment(0xc0, [8, ...u16(height), ...u16(width), 1, 1, 0x11, 0]);
  const oneCodeTable = (tableClass: number) => segment(0xc4, [tableClass << 4, 1, ...new Array<number>(15).fill(0), 0x00]);
  const sos = segment(0xda, [1, 1, 0x00, 0, 63, 0]);
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = blocks * 2;
  const scan = Buffer.alloc(Math.ceil(bits / 8), 0);
  if (bits % 8 !== 0) scan[scan.length - 1] = 0xff >> (bits % 8); // pad the last byte with 1-bits
  const head = [Buffer.from([0xff, 0xd8]), jfif, dqt, sof0, oneCodeTable(0), oneCodeTable(1)];
  const tail = [sos, scan, Buffer.from([0xff, 0xd9])];
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

/** A PNG signature, IHDR of the given dimensions, padding and IEND (structure only). */
export const makePng = ({ width, height, size = 2048 }: { width: number; height: number; size?: number }): Buffer => {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.set([8, 0, 0, 0, 0], 16);
  const iend = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const fill = Math.max(0, size - signature.length - ihdr.length - iend.length);
  return Buffer.concat([signature, ihdr, Buffer.alloc(fill, 0), iend]);
};

/** A minimal PDF with a trailer, padded to `size`. */
export const makePdf = (size = 2048): Buffer => {
  const head = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n', 'latin1');
  const tail = Buffer.from('trailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - tail.length), 0x20), tail]);
};
