/**
 * Notification use cases. Nothing is sent on a request path: the review, ruling and stage-move steps already write
 * their audit entry in the same transaction as the change, so the worker (the clock tick) reads each campaign's audit
 * trail from where it stopped, turns the entries that concern someone into notifications (stored once: the id comes
 * from the entry), and sends what is pending. Judging reminders are stored by the admin's request and sent the same
 * way. Claiming a notification (pending → sending) before sending it makes a send happen at most once: an answer
 * the provider refused is tried again (up to MAX_SEND_ATTEMPTS), a send whose outcome is unknown is not.
 */
import type { AuditEntry, AuditRepository } from '../audit/audit';
import type { Actor } from '../auth/actor';
import type { CampaignRepository } from '../campaigns/campaign-repository';
import { getCampaign } from '../campaigns/campaigns';
import { ConflictError, ValidationError, say } from '../errors';
import { judgingOpen, loadJudgingState, missingPairs, type JudgingDeps } from '../judging/judging';
import { MOBILE_PATTERN } from '../nominations/forms';
import type { NominationRepository } from '../nominations/nomination-repository';
import type { ObjectionRepository } from '../objections/objection-repository';
import type { Campaign } from '../campaigns/schema';
import { shanghaiDay } from '../votes/days';
import type { RateWindow, SmsSender } from '../voters/voter-sessions';
import * as z from '../zod';
import {
  MAX_SEND_ATTEMPTS,
  REVIEW_ACTIONS,
  maskRecipient,
  nominationContact,
  notificationBudget,
  objectorContact,
  texts,
  type NewNotification,
  type Notification,
} from './notification';

export const judgeContactSchema = z.object({
  username: z.string(),
  consent: z.boolean(),
  /** E.164. Personal data: the judge's own, never shown to anyone else. */
  phone: z.optional(z.string()),
  email: z.optional(z.string()),
  at: z.string(),
});
export type JudgeContact = z.infer<typeof judgeContactSchema>;

/** Body of PUT /campaigns/{cid}/judging-reminders: a judge opts in (with a mobile and/or e-mail) or out. */
export const judgeContactRequestSchema = z
  .strictObject({
    consent: z.boolean(),
    phone: z.optional(
      z
        .string()
        .check(
          z.regex(
            MOBILE_PATTERN,
            z.bilingual('须为 11 位中国大陆手机号码', 'phone: an 11-digit mainland mobile (1[3-9]xxxxxxxxx)'),
          ),
        ),
    ),
    email: z.optional(z.email().check(z.maxLength(254))),
  })
  .check(
    z.refine(
      (b) => !b.consent || b.phone !== undefined || b.email !== undefined,
      z.bilingual('同意接收提醒时须填写手机号码或电子邮箱', 'consent needs a phone or an email to be reminded at'),
    ),
  );

/** Body of POST /campaigns/{cid}/judging-reminders: every judge with missing scores, or those named. */
export const reminderRequestSchema = z.strictObject({
  judges: z.optional(
    z.array(z.string().check(z.minLength(1), z.maxLength(128))).check(
      z.minLength(1),
      z.maxLength(200),
      z.refine((j) => new Set(j).size === j.length, z.bilingual('每位评审专家只能列一次', 'judges: each judge once')),
    ),
  ),
});

type Audit = Omit<AuditEntry, 'id'>;

export interface NotificationRepository {
  /** Stores a pending notification unless one with its id exists; false when it did (a duplicate). */
  enqueue(notification: NewNotification): Promise<boolean>;
  /** The campaign's notifications waiting to be sent. */
  pending(campaignId: string): Promise<Notification[]>;
  /** Takes a pending notification for sending (counts an attempt); false when another worker took it. */
  claim(notification: Notification): Promise<boolean>;
  /** Records how a claimed notification ended (`pending` again: to be retried), with its audit entry. */
  finish(notification: Notification, status: Notification['status'], audit?: Audit): Promise<void>;
  /** How far the audit trail was read: the time, and the entries read within the look-back already. */
  cursor(campaignId: string): Promise<AuditCursor | undefined>;
  saveCursor(campaignId: string, cursor: AuditCursor): Promise<void>;
  judgeContact(campaignId: string, username: string): Promise<JudgeContact | undefined>;
  /** Stores the judge's contact, or deletes it when consent is withdrawn, with the audit entry. */
  saveJudgeContact(campaignId: string, contact: JudgeContact, audit: Audit): Promise<void>;
}

export interface AuditCursor {
  at: string;
  /** The entries within the look-back before `at` that were already read (their ids and times). */
  seen: Array<{ id: string; at: string }>;
}

/** Sends one e-mail (SES on AWS, the local outbox locally). */
export type EmailSender = (to: string, subject: string, text: string) => Promise<void>;

/**
 * Entries are read again this far back: a transaction whose entry is stamped before another's may commit after the
 * worker read the other. `seen` keeps them from being turned into notifications twice (the ids would refuse it too).
 */
export const AUDIT_LOOKBACK_MS = 2 * 60_000;

export interface WorkerDeps {
  audit: AuditRepository;
  campaigns: CampaignRepository;
  nominations: NominationRepository;
  objections: ObjectionRepository;
  notifications: NotificationRepository;
  /** Counts one message against a budget window; false when it is used up (the voters' SMS budget counter). */
  consumeBudget: (window: RateWindow) => Promise<boolean>;
  sms: SmsSender;
  /** Absent where no e-mail port is configured: e-mail notifications then fail, recorded. */
  email?: EmailSender;
  now?: () => Date;
  /** Epoch ms after which no send is started (the function's timeout, less a margin); the next tick goes on. */
  deadline?: number;
}

const ruledActions = new Set(['objection.upheld', 'objection.dismissed']);

/** The notifications an audit entry calls for (none for most entries), each to someone who opted in. */
const notificationsFor = async (
  campaign: Campaign,
  entry: AuditEntry,
  deps: Pick<WorkerDeps, 'nominations' | 'objections'>,
  createdAt: string,
): Promise<NewNotification[]> => {
  const sms = (
    id: string,
    to: string | undefined,
    recipient: NewNotification['recipient'],
    subject: string,
    text: string,
  ) =>
    to
      ? [
          {
            id,
            campaignId: campaign.id,
            channel: 'sms' as const,
            to,
            text,
            trigger: entry.action,
            recipient,
            subject,
            createdAt,
          },
        ]
      : [];
  if (REVIEW_ACTIONS.includes(entry.action) && entry.subject) {
    const nomination = await deps.nominations.get(entry.subject);
    if (!nomination) return [];
    const text = texts.review(campaign, nomination, entry.action);
    return sms(`${entry.id}.contact`, nominationContact(nomination), 'contact', nomination.id, text);
  }
  if (ruledActions.has(entry.action) && entry.subject) {
    const objection = await deps.objections.get(entry.subject);
    const nomination = objection && (await deps.nominations.get(objection.nominationId));
    if (!objection || !nomination) return [];
    const text = texts.ruling(campaign, nomination, entry.action === 'objection.upheld');
    return sms(`${entry.id}.objector`, objectorContact(objection), 'objector', objection.id, text);
  }
  if (entry.action === 'campaign.stage-moved' && entry.to === 'announcement') {
    const text = texts.announced(campaign);
    return (await deps.nominations.listApproved(campaign.id)).flatMap((n) =>
      sms(`${entry.id}.${n.id}`, nominationContact(n), 'contact', n.id, text),
    );
  }
  return [];
};

/** Turns the audit entries since the campaign's cursor into notifications; returns how many were new. */
export const enqueueFromAudit = async (campaign: Campaign, deps: WorkerDeps): Promise<number> => {
  const now = (deps.now ?? (() => new Date()))();
  const stored = await deps.notifications.cursor(campaign.id);
  const cursor = stored ?? { at: now.toISOString(), seen: [] };
  const from = new Date(Date.parse(cursor.at) - AUDIT_LOOKBACK_MS).toISOString();
  const seen = new Map(cursor.seen.map((e) => [e.id, e.at]));
  let created = 0;
  let at = cursor.at;
  for (const entry of await deps.audit.since(campaign.id, from)) {
    if (seen.has(entry.id)) continue;
    for (const notification of await notificationsFor(campaign, entry, deps, now.toISOString()))
      if (await deps.notifications.enqueue(notification)) created++;
    seen.set(entry.id, entry.at);
    if (entry.at > at) at = entry.at;
  }
  const keepFrom = new Date(Date.parse(at) - AUDIT_LOOKBACK_MS).toISOString();
  const kept = [...seen].filter(([, t]) => t >= keepFrom).map(([id, t]) => ({ id, at: t }));
  if (
    !stored ||
    at !== cursor.at ||
    kept.length !== cursor.seen.length ||
    kept.some((e, i) => e.id !== cursor.seen[i]?.id)
  )
    await deps.notifications.saveCursor(campaign.id, { at, seen: kept });
  return created;
};

export interface SendOutcome {
  sent: number;
  overBudget: number;
  failed: number;
  retrying: number;
}

/** Sends the campaign's pending notifications, each at most once, within its daily budget; every outcome audited. */
export const sendPending = async (campaign: Campaign, deps: WorkerDeps): Promise<SendOutcome> => {
  const now = deps.now ?? (() => new Date());
  const outcome: SendOutcome = { sent: 0, overBudget: 0, failed: 0, retrying: 0 };
  for (const notification of await deps.notifications.pending(campaign.id)) {
    // A send cut off by the timeout would stay claimed and never be sent: stop in time instead.
    if (deps.deadline !== undefined && now().getTime() > deps.deadline) break;
    if (!(await deps.notifications.claim(notification))) continue;
    const audit = (action: string, reason?: string): Audit => ({
      campaignId: campaign.id,
      at: now().toISOString(),
      by: 'notifications',
      action,
      subject: notification.id,
      ...(reason ? { reason } : {}),
      details: {
        channel: notification.channel,
        to: maskRecipient(notification.to),
        trigger: notification.trigger,
        recipient: notification.recipient,
        about: notification.subject,
      },
    });
    // The budget is counted once per notification, at its first attempt.
    if (notification.attempts === 0 && !(await deps.consumeBudget(notificationBudget(campaign, now())))) {
      await deps.notifications.finish(notification, 'over-budget', audit('notification.over-budget'));
      outcome.overBudget++;
      continue;
    }
    try {
      if (notification.channel === 'sms') await deps.sms(notification.to, notification.text);
      else if (deps.email) await deps.email(notification.to, `【${campaign.config.name}】通知`, notification.text);
      else throw new Error('No e-mail port is configured');
    } catch (error) {
      if (notification.attempts + 1 < MAX_SEND_ATTEMPTS) {
        await deps.notifications.finish(notification, 'pending');
        outcome.retrying++;
      } else {
        const reason = error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
        await deps.notifications.finish(notification, 'failed', audit('notification.failed', reason));
        outcome.failed++;
      }
      continue;
    }
    await deps.notifications.finish(notification, 'sent', audit('notification.sent'));
    outcome.sent++;
  }
  return outcome;
};

/** One tick of the worker: every campaign past its draft, audit entries turned into notifications, pending ones sent. */
export const deliverNotifications = async (deps: WorkerDeps) => {
  const outcomes = [];
  for (const campaign of await deps.campaigns.list()) {
    if (campaign.stage === 'draft') continue;
    const created = await enqueueFromAudit(campaign, deps);
    outcomes.push({ campaignId: campaign.id, created, ...(await sendPending(campaign, deps)) });
  }
  return outcomes;
};

export interface ReminderDeps extends JudgingDeps {
  notifications: NotificationRepository;
}

/**
 * An admin reminds the judges with scores still missing (all, or those named) while judging is open. Each judge who
 * opted in is reminded at most once per Asia/Shanghai day per channel; the others are listed as not opted in.
 */
export const remindJudges = async (
  cid: string,
  request: z.infer<typeof reminderRequestSchema>,
  actor: Actor,
  deps: ReminderDeps,
) => {
  const campaign = await getCampaign(cid, deps, actor);
  if (!judgingOpen(campaign))
    throw new ConflictError(
      'JUDGING_NOT_OPEN',
      say('评审未在进行中，不能发送评分提醒', 'Judging is not open: there is nothing to remind judges of'),
      { stage: campaign.stage },
    );
  const state = await loadJudgingState(campaign, deps);
  const unknown = (request.judges ?? []).filter((u) => !state.judges.some((j) => j.username === u));
  if (unknown.length > 0)
    throw new ValidationError(say('所列评委不是本次评选的评委', 'Not judges of this campaign'), {
      fields: unknown.map((u) => ({ path: 'judges', message: `${u} is not a judge of campaign ${campaign.id}` })),
    });
  const missing = new Map<string, number>();
  for (const { judge } of missingPairs(state)) missing.set(judge.username, (missing.get(judge.username) ?? 0) + 1);
  const now = (deps.now ?? (() => new Date()))();
  const result = {
    campaignId: campaign.id,
    reminded: [] as Array<{ judge: string; missing: number }>,
    alreadyRemindedToday: [] as string[],
    notOptedIn: [] as string[],
    complete: [] as string[],
  };
  for (const username of request.judges ?? state.judges.map((j) => j.username)) {
    const count = missing.get(username) ?? 0;
    if (count === 0) {
      result.complete.push(username);
      continue;
    }
    const contact = await deps.notifications.judgeContact(campaign.id, username);
    const channels = [
      ...(contact?.phone ? [{ channel: 'sms' as const, to: contact.phone }] : []),
      ...(contact?.email ? [{ channel: 'email' as const, to: contact.email }] : []),
    ];
    if (channels.length === 0) {
      result.notOptedIn.push(username);
      continue;
    }
    let created = false;
    for (const { channel, to } of channels) {
      const stored = await deps.notifications.enqueue({
        id: `reminder.${shanghaiDay(now)}.${username}.${channel}`,
        campaignId: campaign.id,
        channel,
        to,
        text: texts.reminder(campaign, count),
        trigger: 'judging.reminder',
        recipient: 'judge',
        subject: username,
        createdAt: now.toISOString(),
      });
      created ||= stored;
    }
    if (created) result.reminded.push({ judge: username, missing: count });
    else result.alreadyRemindedToday.push(username);
  }
  return result;
};

/** A judge of the campaign opts in to reminders at their mobile and/or e-mail, or out (the contact is deleted). */
export const setJudgeContact = async (
  cid: string,
  request: z.infer<typeof judgeContactRequestSchema>,
  actor: Actor,
  deps: { notifications: NotificationRepository; now?: () => Date },
) => {
  const at = (deps.now ?? (() => new Date()))().toISOString();
  const contact: JudgeContact = {
    username: actor.username,
    consent: request.consent,
    ...(request.consent && request.phone ? { phone: `+86${request.phone}` } : {}),
    ...(request.consent && request.email ? { email: request.email } : {}),
    at,
  };
  await deps.notifications.saveJudgeContact(cid, contact, {
    campaignId: cid,
    at,
    by: actor.username,
    action: request.consent ? 'notification.judge-opted-in' : 'notification.judge-opted-out',
    subject: actor.username,
    details: {
      ...(contact.phone ? { phone: maskRecipient(contact.phone) } : {}),
      ...(contact.email ? { email: maskRecipient(contact.email) } : {}),
    },
  });
  return {
    campaignId: cid,
    judge: actor.username,
    consent: contact.consent,
    phone: contact.phone ? maskRecipient(contact.phone) : null,
    email: contact.email ? maskRecipient(contact.email) : null,
    at,
  };
};
