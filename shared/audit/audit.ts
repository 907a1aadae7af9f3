/** The audit trail: every move and decision, by whom and when, kept per campaign, newest first. */
import * as z from '../zod';

export const auditEntrySchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  at: z.string(),
  /** Username of the staff member, or `schedule` for the clock. */
  by: z.string(),
  action: z.string(),
  /** What the entry is about: a nomination id, an objection id, ... */
  subject: z.optional(z.string()),
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  reason: z.optional(z.string()),
  details: z.optional(z.record(z.string(), z.unknown())),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `?cursor=` for the next page; absent on the last page. */
  nextCursor?: string;
}

export interface AuditRepository {
  list(campaignId: string, options: { limit: number; cursor?: string }): Promise<AuditPage>;
  /** Every entry recorded at or after `at` (an ISO time), oldest first (the notification worker reads it). */
  since(campaignId: string, at: string): Promise<AuditEntry[]>;
}
