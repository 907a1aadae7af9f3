/**
 * The campaign's clock in Asia/Shanghai (notice 七: dates are Beijing time): a deadline is a calendar day, the last
 * on which its step may be taken, and it ends at midnight in Shanghai whatever the server's zone; the minimum
 * publicity period counts whole days from the moment the stage was entered.
 */
import { ConflictError, say } from '../errors';
import type { Campaign, DeadlineStep } from './schema';

const DAY_MS = 24 * 60 * 60 * 1000;
/** China keeps +08:00 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET = '+08:00';

/** The instant a day ends in Asia/Shanghai: midnight (+08:00) at the start of the next day. */
export const endOfDay = (day: string): Date => new Date(Date.parse(`${day}T00:00:00${SHANGHAI_OFFSET}`) + DAY_MS);

/** A day as Chinese text: 2019年7月9日. */
export const chineseDay = (day: string): string => {
  const [year, month, date] = day.split('-').map(Number);
  return `${year}年${month}月${date}日`;
};

const STEP_NAMES: Record<DeadlineStep, { zh: string; en: string }> = {
  submit: { zh: '申报单位提交', en: 'submitting (applicant)' },
  endorse: { zh: '主管部门评估', en: 'endorsing (department)' },
  forward: { zh: '区（市直）报送', en: 'forwarding (district)' },
};

/** 409 DEADLINE_PASSED once the step's deadline day has ended in Asia/Shanghai; no deadline, no limit. */
export const requireBeforeDeadline = (campaign: Campaign, step: DeadlineStep, now: Date): void => {
  const day = campaign.config.timing?.deadlines?.[step];
  if (!day || now < endOfDay(day)) return;
  const name = STEP_NAMES[step];
  throw new ConflictError(
    'DEADLINE_PASSED',
    say(
      `${name.zh}的截止日期 ${chineseDay(day)}（北京时间）已过`,
      `The deadline for ${name.en} was ${day} (Asia/Shanghai); it has passed`,
    ),
    { step, deadline: day, endedAt: endOfDay(day).toISOString() },
  );
};

/**
 * Whether the campaign's current stage has lasted its minimum publicity period (whole days of 24 hours since it was
 * entered) by `now`: the days so far, the minimum, and from when it has.
 */
export const publicityLongEnough = (
  campaign: Campaign,
  now: Date,
): { passed: boolean; days: number; minimum: number; until: Date } => {
  const minimum = campaign.config.timing?.minPublicityDays ?? 0;
  const since = Date.parse(campaign.stageChangedAt);
  const until = new Date(since + minimum * DAY_MS);
  return { passed: now >= until, days: Math.floor((now.getTime() - since) / DAY_MS), minimum, until };
};
