/** Thumbnails of public photos: real JPEGs in, a JPEG at most 320 px wide out, never upscaled. */
import * as jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { makeThumbnail } from '../../shared/uploads/make-thumbnail';
import { hasThumbnail, thumbnailSize } from '../../shared/uploads/thumbnail';
import { makeJpeg, makePng } from './images';

describe('thumbnails', () => {
  it('scales a large photo down to 320 px wide, keeping its proportions, as a far smaller JPEG', () => {
    const photo = makeJpeg({ width: 1600, height: 1200, size: 600_000 });
    const thumbnail = makeThumbnail(photo)!;
    const decoded = jpeg.decode(thumbnail);
    expect([decoded.width, decoded.height]).toEqual([320, 240]);
    expect(thumbnailSize(1600, 1200)).toEqual({ width: 320, height: 240 });
    expect(thumbnail.length).toBeLessThan(20_000);
  });

  it('never upscales a photo narrower than a thumbnail', () => {
    const decoded = jpeg.decode(makeThumbnail(makeJpeg({ width: 240, height: 300 }))!);
    expect([decoded.width, decoded.height]).toEqual([240, 300]);
    expect(thumbnailSize(240, 300)).toEqual({ width: 240, height: 300 });
  });

  it('makes none for a photo over 40 megapixels (its decode would not fit the function), and says so', () => {
    expect(hasThumbnail(6000, 4000)).toBe(true);
    expect(hasThumbnail(8000, 6000)).toBe(false);
    expect(makeThumbnail(makeJpeg({ width: 8000, height: 6000 }))).toBeUndefined();
  });

  it('makes none of what is not a decodable JPEG', () => {
    expect(makeThumbnail(makePng({ width: 400, height: 300 }))).toBeUndefined();
    expect(makeThumbnail(Buffer.from('not an image'))).toBeUndefined();
  });
});
