/**
 * The vote path (POST /campaigns/{cid}/votes). Only cheap checks here, none that writes: the
 * voter's token (by the caller), the campaign is in `voting` and inside its window, the candidates
 * are current candidates (a list cached for seconds), the request's shape, per-IP and per-voter
 * velocity. Then ONE queue message for the whole request, and a receipt per vote. The consumer
 * (tally-votes.ts) enforces the daily limits exactly.
 */
import type { Campaign, Category } from '../campaigns/schema';
import { ConflictError, NotFoundError, RuleViolationError, TooManyRequestsError } from '../errors';
import type { VoterClaims } from '../voters/voter-keys';
import { shanghaiDay } from './days';
import type { VelocityLimiter } from './velocity';
import { receiptIdOf, type VoteMessage } from './vote-message';

export interface Receipt {
  receiptId: string;
  candidateId: string;
  category: Category;
  status: 'queued';
}

export interface CastVotesDeps {
  /** The campaign (cached for about a second). */
  campaign(cid: string): Promise<Campaign | undefined>;
  /** Current candidates (approved, not disqualified) by id, with their category (cached for seconds). */
  candidates(cid: string): Promise<Map<string, Category>>;
  /** Puts the message on the votes queue; resolves once the queue has it. */
  send(message: VoteMessage): Promise<void>;
  newRequestId(): string;
  velocity: { voter: VelocityLimiter; ip: VelocityLimiter };
  now?: () => Date;
}

/**
 * The voting window: the stage is `voting` and, when the schedule drives the campaign
 * (`autoAdvance`), the time lies between the scheduled start of voting and of scoring.
 * Without `autoAdvance` the schedule is only shown and an admin's move closes the vote.
 */
export const isVotingOpen = (campaign: Campaign, now: Date): boolean => {
  if (campaign.stage !== 'voting') return false;
  if (!campaign.config.autoAdvance) return true;
  const { voting: opens, scoring: closes } = campaign.config.schedule;
  const t = now.getTime();
  return (!opens || t >= Date.parse(opens)) && (!closes || t < Date.parse(closes));
};

/** Accepts a request's votes onto the queue and returns their receipts (`queued`). */
export const castVotes = async (
  cid: string,
  candidateIds: string[],
  voter: VoterClaims,
  origin: { ip: string; deviceId?: string },
  deps: CastVotesDeps,
): Promise<Receipt[]> => {
  const at = (deps.now ?? (() => new Date()))();
  for (const [limiter, key, who] of [
    [deps.velocity.voter, voter.voterId, 'this voter'],
    [deps.velocity.ip, origin.ip, 'this network address'],
  ] as const) {
    const wait = limiter.hit(key, at.getTime());
    if (wait > 0) throw new TooManyRequestsError(`Too many vote requests from ${who}; try again in ${wait} s`, wait);
  }

  const campaign = await deps.campaign(cid);
  if (!campaign || campaign.stage === 'draft') throw new NotFoundError(`No campaign ${cid}`);
  if (!isVotingOpen(campaign, at)) {
    throw new ConflictError('VOTING_CLOSED', campaign.stage === 'voting' ? 'Voting is outside its scheduled window' : `Voting is not open: the campaign is in ${campaign.stage}`, {
      stage: campaign.stage,
      opens: campaign.config.schedule.voting ?? null,
      closes: campaign.config.schedule.scoring ?? null,
    });
  }

  if (new Set(candidateIds).size !== candidateIds.length) {
    throw new RuleViolationError('DUPLICATE_CANDIDATE', 'Name each candidate once per request');
  }
  const current = await deps.candidates(cid);
  const unknown = candidateIds.filter((id) => !current.has(id));
  if (unknown.length > 0) throw new RuleViolationError('NOT_A_CANDIDATE', 'Some ids are not current candidates of this campaign', { candidateIds: unknown });
  const perCategory = campaign.config.voting.candidatesPerCategoryPerDay;
  for (const category of new Set(candidateIds.map((id) => current.get(id)!))) {
    const asked = candidateIds.filter((id) => current.get(id) === category).length;
    if (asked > perCategory) {
      throw new RuleViolationError('TOO_MANY_CANDIDATES', `At most ${perCategory} candidates per category per day`, { category, asked, limit: perCategory });
    }
  }

  const requestId = deps.newRequestId();
  const votes = candidateIds.map((candidateId, i) => ({ receiptId: receiptIdOf(requestId, i), candidateId, category: current.get(candidateId)! }));
  await deps.send({
    v: 1,
    requestId,
    campaignId: cid,
    voterId: voter.voterId,
    firstSeenAt: voter.firstSeenAt.toISOString(),
    ip: origin.ip,
    ...(origin.deviceId ? { deviceId: origin.deviceId } : {}),
    acceptedAt: at.toISOString(),
    day: shanghaiDay(at),
    votes,
  });
  return votes.map((vote) => ({ ...vote, status: 'queued' as const }));
};
