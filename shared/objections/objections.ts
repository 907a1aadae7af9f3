/**
 * Objection use cases: anyone files one on a standing candidate while the list is on notice
 * (`publicity`, `announcement`), within per-IP and per-phone rate limits; admins list them and rule
 * on each once (uphold disqualifies the candidate, in the same transaction as the ruling).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../auth/actor';
import type { CampaignRepository } from '../campaigns/campaign-repository';
import { getCampaign } from '../campaigns/campaigns';
import type { Stage } from '../campaigns/schema';
import { publicCampaign, standingCandidate } from '../candidates/candidates';
import { ConflictError, NotFoundError, TooManyRequestsError } from '../errors';
import { nomineeName, withStep, type Nomination } from '../nominations/nomination';
import type { NominationRepository } from '../nominations/nomination-repository';
import type { ObjectionRepository } from './objection-repository';
import type { Objection, ObjectionRequest, RulingRequest } from './objection';
import type { RateLimiter } from './rate-limiter';

export interface ObjectionDeps {
  campaigns: CampaignRepository;
  nominations: Pick<NominationRepository, 'get'>;
  objections: ObjectionRepository;
  now?: () => Date;
}

export interface FilingDeps extends ObjectionDeps {
  limiter: RateLimiter;
}

/** Stages in which the public may file objections (公示 of candidates, 公示 of proposed winners). */
export const OBJECTION_STAGES: readonly Stage[] = ['publicity', 'announcement'];

/** Per hour and campaign: filings per phone number and per source IP. */
export const OBJECTION_LIMITS = { perPhonePerHour: 5, perIpPerHour: 20 } as const;

/** The phone never becomes part of a key in clear: a rate-limit key carries its hash. */
const phoneKey = (phone: string) => createHash('sha256').update(`objection-phone:${phone}`).digest('hex').slice(0, 32);

/** Files an open objection on a standing candidate, in `publicity` or `announcement`, within the rate limits. */
export const fileObjection = async (
  cid: string,
  nid: string,
  request: ObjectionRequest,
  sourceIp: string,
  deps: FilingDeps,
) => {
  const { now = () => new Date() } = deps;
  const campaign = await publicCampaign(cid, deps);
  if (!OBJECTION_STAGES.includes(campaign.stage)) {
    throw new ConflictError(
      'OBJECTIONS_CLOSED',
      `Objections are received in publicity and announcement; the campaign is in ${campaign.stage}`,
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
    [`objection-phone#${campaign.id}#${phoneKey(request.phone)}`, OBJECTION_LIMITS.perPhonePerHour],
  ] as const) {
    const wait = await deps.limiter.hit({ key, limit, windowSeconds: 3600 }, at);
    if (wait > 0)
      throw new TooManyRequestsError(
        `Too many objections from this ${key.startsWith('objection-ip') ? 'address' : 'phone number'}; try again later`,
        wait,
      );
  }
  const objection: Objection = {
    id: `${campaign.id}.${randomBytes(8).toString('hex')}`,
    campaignId: campaign.id,
    nominationId: candidate.id,
    name: request.name,
    phone: request.phone,
    content: request.content,
    status: 'open',
    createdAt: at.toISOString(),
  };
  await deps.objections.create(objection, campaign.stage, {
    campaignId: campaign.id,
    at: objection.createdAt,
    by: 'public',
    action: 'objection.filed',
    subject: objection.id,
    details: { nominationId: candidate.id },
  });
  return {
    id: objection.id,
    nominationId: objection.nominationId,
    status: objection.status,
    createdAt: objection.createdAt,
  };
};

/** The campaign's objections with their rulings and the candidate each is about (admins; phones included for call-backs). */
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
  if (!objection) throw new NotFoundError(`No objection ${oid}`);
  if (objection.status !== 'open')
    throw new ConflictError('ALREADY_RULED', `Objection ${oid} has been ruled on already (${objection.status})`, {
      status: objection.status,
    });
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
