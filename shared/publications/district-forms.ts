/**
 * A district's forms as one printable document (the notice asks for signed A4 paper copies of each form): every
 * nomination of the district past its draft, each printed as `GET /nominations/{nid}/print` prints it, a new page for
 * each. Districts print their own district only; admins any.
 */
import { hasRole, type Actor } from '../auth/actor';
import type { CampaignRepository } from '../campaigns/campaign-repository';
import { getCampaign } from '../campaigns/campaigns';
import { CATEGORIES } from '../campaigns/schema';
import { ForbiddenError, NotFoundError, say } from '../errors';
import type { Nomination } from '../nominations/nomination';
import type { NominationRepository } from '../nominations/nomination-repository';
import { renderPrintableForms } from '../nominations/print';

export interface DistrictFormsDeps {
  campaigns: CampaignRepository;
  nominations: Pick<NominationRepository, 'listByCampaign'>;
  /** The URL of the nomination's verified main photo (portrait or unit photo), if it has one. */
  photoUrl: (nomination: Nomination) => Promise<string | undefined>;
}

/** The printable document of a district's submitted forms, windows first, each category oldest first. */
export const districtFormsDocument = async (
  cid: string,
  district: string,
  actor: Actor,
  deps: DistrictFormsDeps,
): Promise<string> => {
  if (!hasRole(actor, 'admin') && actor.district !== district)
    throw new ForbiddenError(say('县市区只能打印本辖区的申报表', "A district prints its own district's forms only"), {
      district,
    });
  const campaign = await getCampaign(cid, deps, actor);
  const districtConfig = campaign.config.districts.find((d) => d.id === district);
  if (!districtConfig)
    throw new NotFoundError(say(`活动中没有县市区 ${district}`, `No district ${district} in the campaign`));
  const submitted = (await deps.nominations.listByCampaign(campaign.id, { district })).filter(
    (n) => n.status !== 'draft',
  );
  submitted.sort((a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category));
  const forms = await Promise.all(
    submitted.map(async (nomination) => {
      const photoUrl = await deps.photoUrl(nomination);
      return { nomination, options: { campaignName: campaign.config.name, ...(photoUrl ? { photoUrl } : {}) } };
    }),
  );
  return renderPrintableForms(`荆门市${campaign.config.year}年度评选申报表 · ${districtConfig.name}`, forms);
};
