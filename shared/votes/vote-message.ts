/**
 * The one SQS message a vote request becomes, once the vote path has decided it on the voter's
 * ballot (docs/counting.md): the receipts the API handed out with their final statuses, and what
 * the consumer needs to count them (candidates, Shanghai day) and to look for brushing (voter, IP,
 * device, first seen). A redelivered message maps to the same receipts.
 */
import * as z from '../zod';
import { categorySchema } from '../campaigns/schema';

export const voteMessageSchema = z.object({
  v: z.literal(1),
  requestId: z.string().check(z.regex(/^[0-9a-f]{40}$/)),
  campaignId: z.string().check(z.minLength(1), z.maxLength(100)),
  voterId: z.string().check(z.minLength(1), z.maxLength(64)),
  /** When the voter first got a session (new voters at night are a brushing signal). */
  firstSeenAt: z.iso.datetime({ offset: true }),
  ip: z.string().check(z.maxLength(64)),
  /** The `x-device-id` header, when the page sends one. */
  deviceId: z.optional(z.string().check(z.maxLength(128))),
  /** When the API accepted the votes: they count by this time, whatever the stage is when they are counted. */
  acceptedAt: z.iso.datetime({ offset: true }),
  /** The Asia/Shanghai day of `acceptedAt`: the day the daily limits apply to. */
  day: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  votes: z
    .array(
      z.object({
        receiptId: z.string().check(z.minLength(1), z.maxLength(64)),
        candidateId: z.string().check(z.minLength(1), z.maxLength(100)),
        category: categorySchema,
        /** Decided at the door: only `counted` votes reach the counters. */
        status: z.enum(['counted', 'duplicate', 'over_limit']),
      }),
    )
    .check(z.minLength(1), z.maxLength(20)),
});
export type VoteMessage = z.infer<typeof voteMessageSchema>;

/** The receipt id of the n-th vote of a request: derived, so it is the same on every delivery. */
export const receiptIdOf = (requestId: string, index: number): string => `${requestId}-${index}`;

/** A receipt id: the request id (40 hex digits), `-`, the vote's position in the request. */
export const RECEIPT_ID = /^([0-9a-f]{40})-(\d{1,2})$/;

/** The request and position a receipt id names; undefined when it is not one. */
export const parseReceiptId = (receiptId: string): { requestId: string; index: number } | undefined => {
  const match = RECEIPT_ID.exec(receiptId);
  return match ? { requestId: match[1]!, index: Number(match[2]) } : undefined;
};
