/**
 * Notifications (issue 11 item 9): short Chinese text messages (an e-mail where the recipient gave one and the port is
 * configured) telling a nomination's contact that it was returned, approved or rejected and that results are
 * announced, an objector the ruling, a judge the scores still missing. Only to people who opted in: the contact by
 * the form's `smsConsent` (同意), the objector by `notify` on the objection, a judge by their reminder contact.
 * A message names the campaign and what happened, never anyone else's personal data: a candidate only by the name
 * the public list shows, never a phone. Each is sent at most once (its id is derived from what caused it), within a
 * per-campaign daily budget, and audited with the recipient masked.
 */
import type { Campaign, Category } from '../campaigns/schema';
import { MOBILE_PATTERN } from '../nominations/forms';
import { nomineeName, type Nomination } from '../nominations/nomination';
import type { Objection } from '../objections/objection';
import { shanghaiDay, startOfShanghaiDay } from '../votes/days';
import { maskPhone } from '../voters/phone';
import type { RateWindow } from '../voters/voter-sessions';
import * as z from '../zod';

export const CHANNELS = ['sms', 'email'] as const;
export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed', 'over-budget'] as const;

export const notificationSchema = z.object({
  /** Derived from what caused it (`<audit entry id>.<recipient>`, `reminder.<day>.<judge>`): the idempotency key. */
  id: z.string(),
  campaignId: z.string(),
  channel: z.enum(CHANNELS),
  /** The phone (E.164) or e-mail address: personal data, never in a response, a log line or the audit trail. */
  to: z.string(),
  text: z.string(),
  /** What happened: the audit action (`nomination.approved`, `objection.upheld`, ...) or `judging.reminder`. */
  trigger: z.string(),
  recipient: z.enum(['contact', 'objector', 'judge']),
  /** What it is about: the nomination, the objection, or the judge's username. */
  subject: z.string(),
  status: z.enum(NOTIFICATION_STATUSES),
  attempts: z.number(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notificationSchema>;
export type NewNotification = Omit<Notification, 'status' | 'attempts'>;

/** `MAIL_FROM` of a deployment without an e-mail port (no context `mailFrom`). */
export const MAIL_OFF = 'off';

/** Messages per campaign per Asia/Shanghai day unless the campaign's `notifications.dailyBudget` says otherwise. */
export const DEFAULT_NOTIFICATION_DAILY_BUDGET = 500;
/** Sending attempts before a notification the provider keeps refusing is given up (`failed`). */
export const MAX_SEND_ATTEMPTS = 3;

/** The form field where a nomination's contact opts in, and the answer that means yes. */
export const CONSENT_FIELD = 'smsConsent';
export const CONSENT_YES = '同意';

/** The contact a nomination names: the window's 经办人 (handler), the star themself. */
const CONTACT_FIELD: Record<Category, string> = { window: 'handlerMobile', star: 'mobile' };

const CATEGORY_NAMES: Record<Category, string> = { window: '优质服务窗口', star: '优质服务明星' };

const e164 = (mobile: unknown): string | undefined =>
  typeof mobile === 'string' && MOBILE_PATTERN.test(mobile) ? `+86${mobile}` : undefined;

/** The phone to tell about this nomination, if its contact opted in. */
export const nominationContact = (nomination: Nomination): string | undefined =>
  nomination.form[CONSENT_FIELD] === CONSENT_YES
    ? e164(nomination.form[CONTACT_FIELD[nomination.category]])
    : undefined;

/** The objector's phone, if they asked to be told the ruling. */
export const objectorContact = (objection: Objection): string | undefined =>
  objection.notify === true ? e164(objection.phone) : undefined;

/** A recipient fit for the audit trail and logs: `138****5678`, `z***@example.com`. */
export const maskRecipient = (to: string): string => {
  if (to.includes('@')) {
    const [user = '', domain = ''] = to.split('@');
    return `${user.slice(0, 1)}***@${domain}`;
  }
  return maskPhone(to);
};

const brand = (campaign: Campaign) => `【${campaign.config.name}】`;
const SEE_SYSTEM = '详情请登录评选系统查看。';

const REVIEW_OUTCOMES: Record<string, string> = {
  'nomination.returned': '已被退回，请修改后重新提交',
  'nomination.approved': '已通过初审',
  'nomination.rejected': '未通过初审',
};

/** The templates, Chinese and short; each names the campaign and what happened, and nobody's personal data. */
export const texts = {
  review: (campaign: Campaign, nomination: Nomination, action: string) =>
    `${brand(campaign)}您申报的${CATEGORY_NAMES[nomination.category]}“${nomineeName(nomination)}”${REVIEW_OUTCOMES[action]}。${SEE_SYSTEM}`,
  announced: (campaign: Campaign) => `${brand(campaign)}评选结果已公布。${SEE_SYSTEM}`,
  ruling: (campaign: Campaign, nomination: Nomination, upheld: boolean) =>
    `${brand(campaign)}您对${CATEGORY_NAMES[nomination.category]}候选“${nomineeName(nomination)}”提出的异议已处理：${upheld ? '异议成立' : '异议不成立'}。感谢您的监督。`,
  reminder: (campaign: Campaign, missing: number) =>
    `${brand(campaign)}评审提醒：您还有${missing}项评分未完成，请在评审结束前登录评选系统评分。`,
};

/** The review decisions a contact is told of (the audit actions of those steps). */
export const REVIEW_ACTIONS = Object.keys(REVIEW_OUTCOMES);

/** The day's budget of a campaign's notifications (a fixed Asia/Shanghai day window, counted like the SMS budget). */
export const notificationBudget = (campaign: Campaign, now: Date): RateWindow => {
  const startsAt = startOfShanghaiDay(shanghaiDay(now));
  return {
    kind: 'window',
    key: `notifications#${campaign.id}`,
    per: 'day',
    limit: campaign.config.notifications?.dailyBudget ?? DEFAULT_NOTIFICATION_DAILY_BUDGET,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 86_400_000),
  };
};
