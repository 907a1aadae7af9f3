/**
 * Objection use cases: a verified voter (the voter token of the phone they give) files one on a
 * standing candidate while the list is on notice (`publicity`, `announcement`), within per-voter
 * and per-IP rate limits; admins list them and rule on each once (uphold disqualifies the
 * candidate, in the same transaction as the ruling), or on several at once with one reason.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../auth/actor';
import type { CampaignRepository } from '../campaigns/campaign-repository';
import { getCampaign } from '../campaigns/campaigns';
import { STAGE_NAMES, type Stage } from '../campaigns/schema';
import { publicCampaign, standingCandidate } from '../candidates/candidates';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, say, TooManyRequestsError } from '../errors';
import { nomineeName, withStep, type Nomination } from '../nominations/nomination';
import type { NominationRepository } from '../nominations/nomination-repository';
import type { ObjectionRepository } from './objection-repository';
import type { BulkRulingRequest, Objection, ObjectionRequest, RulingRequest } from './objection';
import { normalizeMobile } from '../voters/phone';
import type { VoterClaims, VoterKeys } from '../voters/voter-keys';
import type { RateLimiter } from './rate-limiter';

export interface ObjectionDeps {
  campaigns: CampaignRepository;
  nominations: Pick<NominationRepository, 'get'>;
  objections: ObjectionRepository;
  now?: () => Date;
}

export interface FilingDeps extends ObjectionDeps {
  limiter: RateLimiter;
  keys: Pick<VoterKeys, 'voterId'>;
}

/** Stages in which the public may file objections (公示 of candidates, 公示 of proposed winners). */
export const OBJECTION_STAGES: readonly Stage[] = ['publicity', 'announcement'];

/** Per hour and campaign: filings per verified voter and per source IP. */
export const OBJECTION_LIMITS = { perVoterPerHour: 5, perIpPerHour: 20 } as const;

/**
 * Files an open objection on a standing candidate, in `publicity` or `announcement`, within the
 * rate limits, by the verified voter whose number it gives (403 for another number).
 */
export const fileObjection = async (
  cid: string,
  nid: string,
  request: ObjectionRequest,
  voter: VoterClaims,
  sourceIp: string,
  deps: FilingDeps,
) => {
  const { now = () => new Date() } = deps;
  if (deps.keys.voterId(normalizeMobile(request.phone)) !== voter.voterId) {
    throw new ForbiddenError(
      say('手机号须为您验证过的号码', 'Give the mobile number you verified (the voter token is for another number)'),
    );
  }
  const campaign = await publicCampaign(cid, deps);
  if (!OBJECTION_STAGES.includes(campaign.stage)) {
    throw new ConflictError(
      'OBJECTIONS_CLOSED',
      say(
        `异议只在“公示”和“命名表彰公示”阶段受理，评选活动现处于“${STAGE_NAMES[campaign.stage]}”阶段`,
        `Objections are received in publicity and announcement; the campaign is in ${campaign.stage}`,
      ),
      {
        stage: campaign.stage,
        open: OBJECTION_STAGES,
      },
    );
  }
  const candidate = await standingCandidate(campaign, nid, deps);
  const at = now();
  for (const [key, limit] of [
    [`objection-ip#${campaign.id}#${sourceIp}`, OBJECTION_LIMITS.perIpPerHour],
    [`objection-voter#${campaign.id}#${voter.voterId}`, OBJECTION_LIMITS.perVoterPerHour],
  ] as const) {
    const wait = await deps.limiter.hit({ key, limit, windowSeconds: 3600 }, at);
    if (wait > 0)
      throw new TooManyRequestsError(
        key.startsWith('objection-ip')
          ? say('此网络地址提交的异议过多，请稍后再试', 'Too many objections from this address; try again later')
          : say('此手机号提交的异议过多，请稍后再试', 'Too many objections from this phone number; try again later'),
        wait,
      );
  }
  const objection: Objection = {
    id: `${campaign.id}.${randomBytes(8).toString('hex')}`,
    campaignId: campaign.id,
    nominationId: candidate.id,
    name: request.name,
    phone: request.phone,
    voterId: voter.voterId,
    content: request.content,
    ...(request.notify ? { notify: true } : {}),
    status: 'open',
    createdAt: at.toISOString(),
  };
  await deps.objections.create(objection, campaign.stage, {
    campaignId: campaign.id,
    at: objection.createdAt,
    by: 'voter',
    action: 'objection.filed',
    subject: objection.id,
    details: { nominationId: candidate.id },
  });
  return {
    id: objection.id,
    nominationId: objection.nominationId,
    status: objection.status,
    notify: objection.notify === true,
    createdAt: objection.createdAt,
  };
};

/**
 * The campaign's objections with their rulings and the candidate each is about (admins; phones included for
 * call-backs).
 */
export const listObjections = async (cid: string, actor: Actor, deps: ObjectionDeps) => {
  const campaign = await getCampaign(cid, deps, actor);
  const objections = await deps.objections.list(campaign.id);
  const names = new Map<string, string>();
  for (const nid of new Set(objections.map((o) => o.nominationId))) {
    const nomination = await deps.nominations.get(nid);
    names.set(nid, nomination ? nomineeName(nomination) : '');
  }
  return objections.map((o) => ({ ...o, candidateName: names.get(o.nominationId) ?? '' }));
};

/**
 * Rules once on an open objection. Upholding disqualifies the candidate (if still approved), with
 * the ruling and the audit items in one transaction; a second ruling is 409.
 */
export const ruleObjection = async (oid: string, request: RulingRequest, actor: Actor, deps: ObjectionDeps) => {
  const { now = () => new Date() } = deps;
  const objection = await deps.objections.get(oid);
  if (!objection) throw new NotFoundError(say(`没有异议 ${oid}`, `No objection ${oid}`));
  if (objection.status !== 'open')
    throw new ConflictError(
      'ALREADY_RULED',
      say(
        `异议 ${oid} 已有处理结果（${objection.status === 'upheld' ? '异议成立' : '异议不成立'}）`,
        `Objection ${oid} has been ruled on already (${objection.status})`,
      ),
      { status: objection.status },
    );
  const at = now().toISOString();
  const ruled: Objection = {
    ...objection,
    status: request.decision === 'uphold' ? 'upheld' : 'dismissed',
    ruling: { decision: request.decision, reason: request.reason, by: actor.username, at },
  };
  let disqualified: Nomination | undefined;
  if (request.decision === 'uphold') {
    const nomination = await deps.nominations.get(objection.nominationId);
    if (nomination?.status === 'approved')
      disqualified = withStep(
        nomination,
        'disqualified',
        actor.username,
        at,
        `异议成立 (objection upheld): ${request.reason}`,
      );
  }
  const audit = { campaignId: objection.campaignId, at, by: actor.username };
  await deps.objections.rule(ruled, disqualified, [
    {
      ...audit,
      action: `objection.${ruled.status}`,
      subject: oid,
      from: 'open',
      to: ruled.status,
      reason: request.reason,
      details: { nominationId: objection.nominationId },
    },
    ...(disqualified
      ? [
          {
            ...audit,
            action: 'nomination.disqualified',
            subject: disqualified.id,
            from: 'approved',
            to: 'disqualified',
            reason: request.reason,
            details: { objectionId: oid },
          },
        ]
      : []),
  ]);
  const { phone: _phone, ...shown } = ruled;
  return { ...shown, candidateDisqualified: disqualified !== undefined };
};

/**
 * Rules on several objections of one campaign at once, with one decision and one reason: each is
 * ruled (and audited) on its own, in order, as a single ruling would be; one that cannot be ruled
 * (not in this campaign, ruled already, candidate changed) is reported and the others go on.
 */
export const ruleObjections = async (cid: string, request: BulkRulingRequest, actor: Actor, deps: ObjectionDeps) => {
  const campaign = await getCampaign(cid, deps, actor);
  const { objectionIds, ...ruling } = request;
  const outcomes = [];
  for (const id of objectionIds) {
    try {
      if (!id.startsWith(`${campaign.id}.`))
        throw new NotFoundError(
          say(`评选活动 ${campaign.id} 中没有异议 ${id}`, `No objection ${id} in campaign ${campaign.id}`),
        );
      const ruled = await ruleObjection(id, ruling, actor, deps);
      outcomes.push({ id, ruled: true, status: ruled.status, candidateDisqualified: ruled.candidateDisqualified });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcomes.push({
        id,
        ruled: false,
        error: { code: error.code, message: error.text.zh, messageEn: error.text.en },
      });
    }
  }
  return { campaignId: campaign.id, decision: ruling.decision, outcomes };
};
