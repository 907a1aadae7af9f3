/**
 * The public notice (公示): from `publicity` on, anyone reads the approved candidates (not the
 * disqualified) with what SPEC.md lets the public see: name, unit, post, sector, district,
 * declaration, deeds, photos. The view is an allow-list projection: a field reaches the public only
 * by being named here, so personal data (mobiles, birth month, native place, political status,
 * education, school) never does.
 */
import { CATEGORY_NAMES, hasReached, STAGE_NAMES } from '../campaigns/schema';
import { getCampaign } from '../campaigns/campaigns';
import type { CampaignRepository } from '../campaigns/campaign-repository';
import type { Campaign, Category } from '../campaigns/schema';
import { ConflictError, NotFoundError, say } from '../errors';
import type { Nomination } from '../nominations/nomination';
import type { NominationRepository } from '../nominations/nomination-repository';

export interface PublicPhoto {
  kind: string;
  url: string;
  width?: number;
  height?: number;
  /** At most 320 px wide, made at verification (shared/uploads/thumbnail.ts). */
  thumbnail?: { url: string; width: number; height: number };
}

export interface CandidateDeps {
  campaigns: CampaignRepository;
  nominations: Pick<NominationRepository, 'get' | 'listApproved'>;
  /** Verified public photos of a nomination, with short-lived URLs. */
  photos: (nid: string) => Promise<PublicPhoto[]>;
}

export interface CandidateFilter {
  category?: Category;
  district?: string;
  sector?: string;
}

/** The campaign, if its candidate list is public: 404 for drafts, 409 before `publicity`. */
export const publicCampaign = async (
  cid: string,
  { campaigns }: Pick<CandidateDeps, 'campaigns'>,
): Promise<Campaign> => {
  const campaign = await getCampaign(cid, { campaigns });
  if (!hasReached(campaign.stage, 'publicity')) {
    throw new ConflictError(
      'NOT_PUBLIC_YET',
      say(
        `候选名单自“公示”阶段起公开，评选活动现处于“${STAGE_NAMES[campaign.stage]}”阶段`,
        `The candidate list is public from the publicity stage on; the campaign is in ${campaign.stage}`,
      ),
      {
        stage: campaign.stage,
      },
    );
  }
  return campaign;
};

/** An approved (standing) candidate of the campaign; 404 for any other id. */
export const standingCandidate = async (
  campaign: Campaign,
  nid: string,
  { nominations }: { nominations: Pick<NominationRepository, 'get'> },
): Promise<Nomination> => {
  const nomination = await nominations.get(nid);
  if (!nomination || nomination.campaignId !== campaign.id || nomination.status !== 'approved')
    throw new NotFoundError(say(`没有候选对象 ${nid}`, `No candidate ${nid}`));
  return nomination;
};

const field = (nomination: Nomination, key: string): string => {
  const value = nomination.form[key];
  return typeof value === 'string' ? value : '';
};

/** The public view of a candidate: every field named, nothing copied wholesale. */
export const publicCandidateView = (nomination: Nomination, campaign: Campaign, photos: PublicPhoto[]) => {
  const window = nomination.category === 'window';
  const district = campaign.config.districts.find((d) => d.id === nomination.district);
  return {
    id: nomination.id,
    campaignId: nomination.campaignId,
    category: nomination.category,
    categoryName: CATEGORY_NAMES[nomination.category],
    name: field(nomination, window ? 'unitName' : 'name'),
    unit: field(nomination, window ? 'unitName' : 'workUnit'),
    post: window ? null : field(nomination, 'post'),
    sector: nomination.sector,
    district: { id: nomination.district, name: district?.name ?? nomination.district },
    declaration: field(nomination, window ? 'declaration' : 'smileDeclaration'),
    deeds: field(nomination, window ? 'deeds' : 'resume'),
    honours: field(nomination, 'honours'),
    photos: photos.map((p) => ({
      kind: p.kind,
      url: p.url,
      width: p.width ?? null,
      height: p.height ?? null,
      thumbnail: p.thumbnail ?? null,
    })),
  };
};
export type PublicCandidate = ReturnType<typeof publicCandidateView>;

/** The public candidate list, filtered by category, district and sector. */
export const listCandidates = async (
  cid: string,
  filter: CandidateFilter,
  deps: CandidateDeps,
): Promise<PublicCandidate[]> => {
  const campaign = await publicCampaign(cid, deps);
  const approved = await deps.nominations.listApproved(campaign.id, {
    category: filter.category,
    district: filter.district,
  });
  const matching = approved.filter((n) => filter.sector === undefined || n.sector === filter.sector);
  return Promise.all(matching.map(async (n) => publicCandidateView(n, campaign, await deps.photos(n.id))));
};

/** One public candidate, with photo URLs. */
export const getCandidate = async (cid: string, nid: string, deps: CandidateDeps): Promise<PublicCandidate> => {
  const campaign = await publicCampaign(cid, deps);
  const nomination = await standingCandidate(campaign, nid, deps);
  return publicCandidateView(nomination, campaign, await deps.photos(nomination.id));
};
