import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Into } from '../../shared/scoring/sha256';

describe('SHA-256 into a buffer', () => {
  it('matches node:crypto on every message length from 0 to 300 bytes', () => {
    for (let length = 0; length <= 300; length++) {
      const message = randomBytes(length);
      const out = Buffer.alloc(40);
      sha256Into(message, length, out, 5);
      expect(out.subarray(5, 37).toString('hex')).toBe(createHash('sha256').update(message).digest('hex'));
    }
  });
});
