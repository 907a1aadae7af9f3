/**
 * An activity report (活动报告, notice 五.1): a unit's account of a labour competition it held (文明礼仪、岗位练兵、
 * 窗口建设、创城...), with its date and text, filed electronically during the campaign. Its unit's nomination may
 * attach it, and judges then read it on the scoresheet.
 */
import * as z from '../zod';

const MAX_TITLE_CHARS = 100;
const MAX_TEXT_CHARS = 5000;

/** Controls and bidi overrides a text must not carry (tabs and line breaks are fine). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDFFF]/u;

const text = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1),
    z.refine((s) => [...s].length <= max, `at most ${max} characters`),
    z.refine((s) => !CONTROL.test(s), z.bilingual('含有控制字符或无效字符', 'contains a control or invalid character')),
  );

/** A calendar date `YYYY-MM-DD` that exists (no 2019-02-30). */
const calendarDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, z.bilingual('须为日期 YYYY-MM-DD', 'a date YYYY-MM-DD')),
  z.refine((s) => {
    const day = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === s;
  }, 'not a calendar date'),
);

/** Body of POST /campaigns/{cid}/activity-reports. */
export const fileReportSchema = z.strictObject({
  title: text(MAX_TITLE_CHARS),
  date: calendarDate,
  text: text(MAX_TEXT_CHARS),
});
export type FileReportRequest = z.infer<typeof fileReportSchema>;

/** Body of PATCH /activity-reports/{rid}: the fields to replace. */
export const updateReportSchema = z
  .strictObject({
    title: z.optional(text(MAX_TITLE_CHARS)),
    date: z.optional(calendarDate),
    text: z.optional(text(MAX_TEXT_CHARS)),
  })
  .check(
    z.refine(
      (p) => p.title !== undefined || p.date !== undefined || p.text !== undefined,
      z.bilingual('请指明要更改的标题、日期或内容', 'name the title, date or text to change'),
    ),
  );
export type UpdateReportRequest = z.infer<typeof updateReportSchema>;

export const activityReportSchema = z.object({
  /** `<campaignId>.<random>`: the id names its campaign, so one read finds it. */
  id: z.string(),
  campaignId: z.string(),
  /** The unit that held the activity and filed the report, with its district and supervising department. */
  unit: z.string(),
  unitName: z.string(),
  district: z.string(),
  department: z.string(),
  title: z.string(),
  date: z.string(),
  text: z.string(),
  /** Usernames of who filed and who last changed it. */
  filedBy: z.string(),
  updatedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Incremented on every change; writes are conditional on it. */
  version: z.int(),
});
export type ActivityReport = z.infer<typeof activityReportSchema>;

/** How many reports one nomination may attach. */
export const MAX_ATTACHED_REPORTS = 10;

/** The report ids a nomination attaches (PATCH /nominations/{nid} `activityReportIds`): distinct, at most ten. */
export const attachedReportIdsSchema = z.array(z.string().check(z.regex(/^[A-Za-z0-9_.:-]{1,100}$/))).check(
  z.maxLength(MAX_ATTACHED_REPORTS),
  z.refine((ids) => new Set(ids).size === ids.length, z.bilingual('每份报告只能附一次', 'each report once')),
);
