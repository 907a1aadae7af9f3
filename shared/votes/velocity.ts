/**
 * Velocity limits kept in the memory of one function instance: cheap enough for the vote path,
 * which must not write a hot key. Each instance limits what passes through it (sliding window
 * estimated from the current and previous fixed windows); the WAF's rate-based rules limit per IP
 * across instances, and the consumer's conditional writes enforce the daily limits exactly.
 */
export interface VelocityLimiter {
  /** Counts one hit for the key; returns 0 when allowed, else the seconds to wait (the hit is not counted). */
  hit(key: string, now: number): number;
}

interface Slot {
  start: number;
  count: number;
  previous: number;
}

const MAX_KEYS = 100_000;

/** At most `limit` hits per key in any `windowMs` (sliding estimate). */
export const createVelocityLimiter = ({ limit, windowMs }: { limit: number; windowMs: number }): VelocityLimiter => {
  const slots = new Map<string, Slot>();
  return {
    hit(key, now) {
      const start = Math.floor(now / windowMs) * windowMs;
      let slot = slots.get(key);
      if (!slot || slot.start < start - windowMs) slot = { start, count: 0, previous: 0 };
      else if (slot.start < start) slot = { start, count: 0, previous: slot.count };
      const weight = 1 - (now - start) / windowMs;
      if (slot.previous * weight + slot.count + 1 > limit) {
        slots.set(key, slot);
        return Math.max(1, Math.ceil((start + windowMs - now) / 1000));
      }
      slot.count += 1;
      if (slots.size >= MAX_KEYS && !slots.has(key)) slots.clear();
      slots.set(key, slot);
      return 0;
    },
  };
};
