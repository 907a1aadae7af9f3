/** Voting days are Asia/Shanghai calendar days (UTC+8, no daylight saving since 1991). */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Asia/Shanghai calendar day of an instant, `YYYY-MM-DD`: the unit of the daily vote limits. */
export const shanghaiDay = (at: Date): string => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);

/** The first instant of a Shanghai day. */
export const startOfShanghaiDay = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS);

/** The Shanghai day before `day`. */
export const previousDay = (day: string): string => shanghaiDay(new Date(startOfShanghaiDay(day).getTime() - DAY_MS));

/** The hour (0-23) of an instant in Asia/Shanghai. */
export const shanghaiHour = (at: Date): number => new Date(at.getTime() + OFFSET_MS).getUTCHours();

/** Night in Asia/Shanghai (00:00-05:59), when bursts of new voters are suspicious. */
export const isShanghaiNight = (at: Date): boolean => shanghaiHour(at) < 6;

/** Seconds from `at` to the next Shanghai midnight: when a daily window resets. */
export const secondsToShanghaiMidnight = (at: Date): number => {
  const next = startOfShanghaiDay(shanghaiDay(new Date(at.getTime() + DAY_MS)));
  return Math.ceil((next.getTime() - at.getTime()) / 1000);
};
