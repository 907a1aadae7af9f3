import { describe, expect, it } from 'vitest';
import {
  isShanghaiNight,
  previousDay,
  secondsToShanghaiMidnight,
  shanghaiDay,
  startOfShanghaiDay,
} from '../../shared/votes/days';

describe('voting days (Asia/Shanghai)', () => {
  it('puts 23:59:59 and 00:00:00 Shanghai time on different days, whatever UTC says', () => {
    expect(shanghaiDay(new Date('2019-07-27T23:59:59+08:00'))).toBe('2019-07-27');
    expect(shanghaiDay(new Date('2019-07-28T00:00:00+08:00'))).toBe('2019-07-28');
    // 16:00 UTC is already midnight in Shanghai.
    expect(shanghaiDay(new Date('2019-07-27T16:00:00Z'))).toBe('2019-07-28');
    expect(shanghaiDay(new Date('2019-07-27T15:59:59.999Z'))).toBe('2019-07-27');
  });

  it('starts a day at Shanghai midnight and steps back across month ends', () => {
    expect(startOfShanghaiDay('2019-08-01').toISOString()).toBe('2019-07-31T16:00:00.000Z');
    expect(previousDay('2019-08-01')).toBe('2019-07-31');
  });

  it('counts seconds to the next Shanghai midnight', () => {
    expect(secondsToShanghaiMidnight(new Date('2019-07-27T23:59:00+08:00'))).toBe(60);
  });

  it('calls 00:00-05:59 Shanghai time night', () => {
    expect(isShanghaiNight(new Date('2019-07-28T03:00:00+08:00'))).toBe(true);
    expect(isShanghaiNight(new Date('2019-07-28T06:00:00+08:00'))).toBe(false);
    expect(isShanghaiNight(new Date('2019-07-27T19:00:00Z'))).toBe(true);
  });
});
