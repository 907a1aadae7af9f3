/**
 * Thumbnails of the public photos, made once when an upload is verified, so a gallery of 80
 * candidates on a phone loads small images: the JPEG decoded (jpeg-js, pure JavaScript: no native
 * binary in the Lambda bundle), scaled down by averaging boxes of pixels, encoded again. Only the
 * verifier imports this module (functions/uploads/verify-upload.ts).
 */
import * as jpeg from 'jpeg-js';
import { jpegDimensions } from './content-checks';
import { hasThumbnail, thumbnailSize } from './thumbnail';

const QUALITY = 70;

/** A JPEG thumbnail of a JPEG photo; undefined when the photo cannot be decoded or is too large (see hasThumbnail). */
export const makeThumbnail = (bytes: Uint8Array): Buffer | undefined => {
  const size = jpegDimensions(bytes);
  if (!('width' in size) || !hasThumbnail(size.width, size.height)) return undefined;
  let image: { width: number; height: number; data: Uint8Array };
  try {
    // 10,000 px a side is the upload limit (RGBA, 4 bytes a pixel): allow its decode.
    image = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxMemoryUsageInMB: 512,
      maxResolutionInMP: 100,
    });
  } catch {
    return undefined;
  }
  const { width, height } = thumbnailSize(image.width, image.height);
  const out = new Uint8Array(width * height * 4);
  const sx = image.width / width;
  const sy = image.height / height;
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * sy);
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) * sy));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * sx);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * sx));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let yy = y0; yy < y1; yy++)
        for (let xx = x0; xx < x1; xx++) {
          const i = (yy * image.width + xx) * 4;
          r += image.data[i]!;
          g += image.data[i + 1]!;
          b += image.data[i + 2]!;
        }
      const n = (y1 - y0) * (x1 - x0);
      const o = (y * width + x) * 4;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
      out[o + 3] = 255;
    }
  }
  return Buffer.from(jpeg.encode({ width, height, data: out }, QUALITY).data);
};
