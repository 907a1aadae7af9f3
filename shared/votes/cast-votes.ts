/**
 * The vote path (POST /campaigns/{cid}/votes). Cheap checks first: the voter's token (by the
 * caller), the campaign is in `voting` and inside its window, the candidates are current candidates
 * (a small index cached for seconds), the request's shape, per-IP and per-voter velocity. Then the
 * request is decided on the voter's ballot (ballots.ts: one conditional write per category, in the
 * order requests arrive) and goes to the queue as ONE message with its final statuses; the consumer
 * (tally-votes.ts) only counts and records (docs/counting.md). The 202's receipts carry the final
 * status. Its counted votes are added to the campaign's backlog first (the close waits for it). If the queue
 * refuses the message, the ballot writes and the backlog are taken back and the voter gets an error, not receipts.
 */
import type { Campaign, Category } from '../campaigns/schema';
import { hasReached, STAGE_NAMES } from '../campaigns/schema';
import { ConflictError, NotFoundError, RuleViolationError, say, TooManyRequestsError } from '../errors';
import type { VoterClaims } from '../voters/voter-keys';
import { decideRequest, takeBack, type BallotStore, type DoorStatus } from './ballots';
import { shanghaiDay } from './days';
import type { VelocityLimiter } from './velocity';
import { receiptIdOf, type VoteMessage } from './vote-message';

export interface Receipt {
  receiptId: string;
  candidateId: string;
  category: Category;
  status: DoorStatus;
}

export interface CastVotesDeps {
  /** The campaign (cached for about a second). */
  campaign(cid: string): Promise<Campaign | undefined>;
  /** Current candidates (approved, not disqualified) by id, with their category (cached for seconds). */
  candidates(cid: string): Promise<Map<string, Category>>;
  /** Puts the message on the votes queue; resolves once the queue has it. */
  send(message: VoteMessage): Promise<void>;
  /** The voters' ballots, where each vote is decided. */
  ballots: BallotStore;
  newRequestId(): string;
  velocity: { voter: VelocityLimiter; ip: VelocityLimiter };
  now?: () => Date;
}

/**
 * Why voting is closed, as a 409 `VOTING_CLOSED`, or undefined while it is open. The stage must be
 * `voting`; when the schedule drives the campaign (`autoAdvance`) the time must also lie between the
 * scheduled start of voting and of scoring. Without `autoAdvance` the schedule is only a plan (an
 * admin's move opens and closes the vote), so its times appear in the details only with `autoAdvance`.
 */
export const votingClosedError = (campaign: Campaign, now: Date): ConflictError | undefined => {
  const { stage, config } = campaign;
  const { voting: opens, scoring: closes } = config.schedule;
  const schedule = config.autoAdvance ? { opens: opens ?? null, closes: closes ?? null } : {};
  if (stage !== 'voting') {
    const closed = hasReached(stage, 'voting');
    return new ConflictError(
      'VOTING_CLOSED',
      say(
        `投票${closed ? '已结束' : '尚未开始'}（评选活动现处于“${STAGE_NAMES[stage]}”阶段）`,
        `Voting is not open: the campaign is in ${stage}; ${closed ? 'voting has closed' : 'voting has not opened yet'}`,
      ),
      { stage, ...schedule },
    );
  }
  if (!config.autoAdvance) return undefined;
  const t = now.getTime();
  if (opens && t < Date.parse(opens))
    return new ConflictError(
      'VOTING_CLOSED',
      say(`投票尚未开始：按日程于 ${opens} 开始`, `Voting is not open: it opens at ${opens} (schedule)`),
      { stage, ...schedule },
    );
  if (closes && t >= Date.parse(closes))
    return new ConflictError(
      'VOTING_CLOSED',
      say(`投票已结束：按日程于 ${closes} 截止`, `Voting is not open: it closed at ${closes} (schedule)`),
      { stage, ...schedule },
    );
  return undefined;
};

/**
 * Decides a request's votes on the voter's ballots, queues them for counting, and returns their receipts with the final
 * status.
 */
export const castVotes = async (
  cid: string,
  candidateIds: string[],
  voter: VoterClaims,
  origin: { ip: string; deviceId?: string },
  deps: CastVotesDeps,
): Promise<Receipt[]> => {
  const at = (deps.now ?? (() => new Date()))();
  for (const [limiter, key, who] of [
    [deps.velocity.voter, voter.voterId, say('此投票人', 'this voter')],
    [deps.velocity.ip, origin.ip, say('此网络地址', 'this network address')],
  ] as const) {
    const wait = limiter.hit(key, at.getTime());
    if (wait > 0)
      throw new TooManyRequestsError(
        say(
          `${who.zh}投票请求过于频繁，请 ${wait} 秒后再试`,
          `Too many vote requests from ${who.en}; try again in ${wait} s`,
        ),
        wait,
      );
  }

  const campaign = await deps.campaign(cid);
  if (!campaign || campaign.stage === 'draft')
    throw new NotFoundError(say(`没有评选活动 ${cid}`, `No campaign ${cid}`));
  const closed = votingClosedError(campaign, at);
  if (closed) throw closed;

  if (new Set(candidateIds).size !== candidateIds.length) {
    throw new RuleViolationError(
      'DUPLICATE_CANDIDATE',
      say('每次投票中每位候选对象只能选一次', 'Name each candidate once per request'),
    );
  }
  const current = await deps.candidates(cid);
  const unknown = candidateIds.filter((id) => !current.has(id));
  if (unknown.length > 0)
    throw new RuleViolationError(
      'NOT_A_CANDIDATE',
      say('部分编号不是本次评选活动的现有候选对象', 'Some ids are not current candidates of this campaign'),
      { candidateIds: unknown },
    );
  const perCategory = campaign.config.voting.candidatesPerCategoryPerDay;
  for (const category of new Set(candidateIds.map((id) => current.get(id)!))) {
    const asked = candidateIds.filter((id) => current.get(id) === category).length;
    if (asked > perCategory) {
      throw new RuleViolationError(
        'TOO_MANY_CANDIDATES',
        say(`每个类别每天最多投 ${perCategory} 位候选对象`, `At most ${perCategory} candidates per category per day`),
        { category, asked, limit: perCategory },
      );
    }
  }

  const requestId = deps.newRequestId();
  const day = shanghaiDay(at);
  const planned = candidateIds.map((candidateId, i) => ({
    receiptId: receiptIdOf(requestId, i),
    candidateId,
    category: current.get(candidateId)!,
  }));
  const statuses = await decideRequest(
    // The session is checked by the ballot writes themselves (docs/counting.md, "Ending a session").
    { campaignId: cid, voterId: voter.voterId, day, votes: planned, issuedAt: voter.issuedAt },
    campaign.config.voting,
    deps.ballots,
  );
  const votes = planned.map((vote, i) => ({ ...vote, status: statuses[i]! }));
  const message: VoteMessage = {
    v: 1,
    requestId,
    campaignId: cid,
    voterId: voter.voterId,
    firstSeenAt: voter.firstSeenAt.toISOString(),
    ip: origin.ip,
    ...(origin.deviceId ? { deviceId: origin.deviceId } : {}),
    acceptedAt: at.toISOString(),
    day,
    votes,
  };
  // The ballots hold the counted votes: they are the door's side of the campaign's backlog (docs/counting.md, "The
  // backlog"). If the send fails, the queue may have stored the message all the same (a timeout after it did): the
  // request's ledger item decides, whoever writes it first. Withdrawn: the consumer will skip the message, the places
  // are given back and the voter gets no receipt. Claimed by the consumer already: it counts, and so do the receipts.
  const counted = votes.filter((v) => v.status === 'counted');
  try {
    await deps.send(message);
  } catch (error) {
    if (!(await deps.ballots.withdrawRequest(message))) return votes;
    await takeBack({ campaignId: cid, voterId: voter.voterId, day }, counted, deps.ballots);
    throw error;
  }
  return votes;
};
