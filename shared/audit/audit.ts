/** The audit trail: every move and decision, by whom and when, kept per campaign, newest first. */
import * as z from 'zod';

export const auditEntrySchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  at: z.string(),
  /** Username of the staff member, or `schedule` for the clock. */
  by: z.string(),
  action: z.string(),
  /** What the entry is about: a nomination id, an objection id, ... */
  subject: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  reason: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `?cursor=` for the next page; absent on the last page. */
  nextCursor?: string;
}

export interface AuditRepository {
  list(campaignId: string, options: { limit: number; cursor?: string }): Promise<AuditPage>;
}
