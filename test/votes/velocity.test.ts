import { describe, expect, it } from 'vitest';
import { createVelocityLimiter } from '../../shared/votes/velocity';

describe('velocity limits', () => {
  it('allows the limit within a window, refuses the next with the seconds to wait', () => {
    const limiter = createVelocityLimiter({ limit: 3, windowMs: 60_000 });
    const t = 1_000_000 * 60_000;
    expect([limiter.hit('ip', t), limiter.hit('ip', t + 1), limiter.hit('ip', t + 2)]).toEqual([0, 0, 0]);
    expect(limiter.hit('ip', t + 3)).toBe(60);
    expect(limiter.hit('other', t + 3)).toBe(0);
  });

  it('slides: hits of the previous window weigh less as it recedes', () => {
    const limiter = createVelocityLimiter({ limit: 4, windowMs: 60_000 });
    const t = 1_000_000 * 60_000;
    for (let i = 0; i < 4; i++) limiter.hit('v', t + 50_000);
    // 15 s into the next window the 4 earlier hits still weigh 3: one more is allowed, not two.
    expect(limiter.hit('v', t + 75_000)).toBe(0);
    expect(limiter.hit('v', t + 75_001)).toBeGreaterThan(0);
    // Two windows later the slate is clean.
    expect(limiter.hit('v', t + 180_000)).toBe(0);
  });

  it('does not count a refused hit', () => {
    const limiter = createVelocityLimiter({ limit: 1, windowMs: 60_000 });
    const t = 1_000_000 * 60_000;
    limiter.hit('v', t);
    for (let i = 0; i < 10; i++) limiter.hit('v', t + 1000);
    expect(limiter.hit('v', t + 120_000)).toBe(0);
  });
});
