/**
 * Dead-lettered votes (docs/counting.md, "Dead letters"): a vote message the consumer failed
 * `maxReceiveCount` times lands in the votes DLQ; the DLQ's worker keeps it in the table under its
 * campaign, with no expiry, and deletes it from the DLQ. An admin sees them and retries them: each is
 * sent to the votes queue again and removed, and the consumer counts it once (its ledger claim; a
 * request already counted is not counted again). While any remain, the campaign's close is refused.
 */
import { voteMessageSchema, type VoteMessage } from './vote-message';

/** A dead-lettered vote request as kept. */
export interface DeadVote {
  message: VoteMessage;
  /** When the DLQ's worker kept it. */
  keptAt: string;
}

/** The storage (DynamoDB in `dead-vote-repository.ts`). */
export interface DeadVoteStore {
  /** Keeps a dead-lettered request under its campaign (the same request kept twice is one item). */
  keep(dead: DeadVote): Promise<void>;
  /** Keeps a message that is not a vote message (no campaign: it holds up no close), by its SQS message id. */
  keepUnreadable(messageId: string, body: string, keptAt: string): Promise<void>;
  list(campaignId: string): Promise<DeadVote[]>;
  count(campaignId: string): Promise<number>;
  remove(campaignId: string, requestId: string): Promise<void>;
}

/** Keeps one message of the DLQ; returns the campaign it holds up, if it is a vote message. */
export const keepDeadLetter = async (
  messageId: string,
  body: string,
  store: DeadVoteStore,
  now: Date = new Date(),
): Promise<string | undefined> => {
  let message: VoteMessage | undefined;
  try {
    message = voteMessageSchema.parse(JSON.parse(body));
  } catch {
    message = undefined;
  }
  if (!message) {
    await store.keepUnreadable(messageId, body, now.toISOString());
    return undefined;
  }
  await store.keep({ message, keptAt: now.toISOString() });
  return message.campaignId;
};

/** What an admin sees of a dead vote: no voter, address or device. */
export const deadVoteView = ({ message, keptAt }: DeadVote) => ({
  requestId: message.requestId,
  acceptedAt: message.acceptedAt,
  day: message.day,
  keptAt,
  votes: message.votes,
});

/**
 * Sends each of the campaign's dead votes to the votes queue again, then removes it; returns how many went. A retry
 * repeated (or run twice at once) only sends a request again: the consumer counts each receipt once.
 */
export const retryDeadVotes = async (
  campaignId: string,
  deps: { deadVotes: DeadVoteStore; send(message: VoteMessage): Promise<void> },
): Promise<{ retried: number }> => {
  const dead = await deps.deadVotes.list(campaignId);
  for (const { message } of dead) {
    await deps.send(message);
    await deps.deadVotes.remove(campaignId, message.requestId);
  }
  return { retried: dead.length };
};
