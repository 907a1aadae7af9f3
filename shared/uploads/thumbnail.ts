/**
 * Thumbnails of the public photos: which photos get one and its size. They are made by the
 * verifier only (make-thumbnail.ts, with jpeg-js), so the public paths that offer them stay small.
 */

/** Thumbnails are at most this wide (two columns of a 375 px phone at 2x, and a bit). */
export const THUMBNAIL_WIDTH = 320;
/** Photos up to 40 megapixels get one (decoded as RGBA: 160 MB); larger ones are shown as they are. */
const MAX_MEGAPIXELS = 40;

/** Whether a photo of this size gets a thumbnail. */
export const hasThumbnail = (width: number, height: number) => width * height <= MAX_MEGAPIXELS * 1e6;

/** A thumbnail's size for a photo of `width` x `height`: never wider than THUMBNAIL_WIDTH, never upscaled. */
export const thumbnailSize = (width: number, height: number) => {
  const w = Math.min(THUMBNAIL_WIDTH, width);
  return { width: w, height: Math.max(1, Math.round((height * w) / width)) };
};
