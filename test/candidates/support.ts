/**
 * A campaign on public notice for the candidate and objection tests: its own campaign (so test
 * files never share stages), approved nominations seeded with distinctive personal data, real
 * photos stored as the upload verifier stores them, then moved through review to `publicity`.
 */
import { randomBytes } from 'node:crypto';
import type { Category } from '../../shared/campaigns/schema';
import type { NominationForm } from '../../shared/nominations/forms';
import type { Nomination, NominationStatus } from '../../shared/nominations/nomination';
import type { UploadKind } from '../../shared/uploads/upload';
import { demoUsers } from '../../infra/local/demo-users';
import { starForm, windowForm } from '../nominations/fixtures';
import { moveTo, newCampaign, repository, storeVerifiedUpload } from '../nominations/support';
import { makeJpeg } from '../uploads/images';

/** Personal data seeded into every star and window form: none of it may reach a public response. */
export const PERSONAL = {
  mobile: '13712345678',
  headMobile: '13698765432',
  handlerMobile: '15811112222',
  unitPhone: '0724-6543210',
  birthMonth: '1987-11',
  nativePlace: '湖北京山县',
  politicalStatus: '九三学社社员',
  education: '硕士研究生',
  school: '武汉测绘科技学院',
} as const;

const personalStar = (name: string): NominationForm =>
  starForm({
    name,
    mobile: PERSONAL.mobile,
    birthMonth: PERSONAL.birthMonth,
    nativePlace: PERSONAL.nativePlace,
    politicalStatus: PERSONAL.politicalStatus,
    education: PERSONAL.education,
    school: PERSONAL.school,
  });

const personalWindow = (unitName: string): NominationForm =>
  windowForm({
    unitName,
    phone: PERSONAL.unitPhone,
    headMobile: PERSONAL.headMobile,
    handlerMobile: PERSONAL.handlerMobile,
  });

export interface SeedSpec {
  name: string;
  category: Category;
  district: string;
  sector: string;
  status?: NominationStatus;
  photos?: UploadKind[];
  /** Each photo's bytes (a real JPEG of 640x480 px; 20 KB unless given). */
  photoBytes?: number;
}

/** Stores a nomination in `status` with a complete form, while the campaign is in `nomination`. */
const seed = async (cid: string, spec: SeedSpec): Promise<Nomination> => {
  const applicant = demoUsers.find((u) => u.username === `applicant-${spec.district}`)!;
  const at = new Date().toISOString();
  const status = spec.status ?? 'approved';
  const nomination: Nomination = {
    id: `${cid}.${randomBytes(8).toString('hex')}`,
    campaignId: cid,
    category: spec.category,
    district: spec.district,
    department: applicant.department!,
    unit: applicant.unit!,
    owner: applicant.username,
    sector: spec.sector,
    form: spec.category === 'star' ? personalStar(spec.name) : personalWindow(spec.name),
    status,
    history: [{ status, at, by: 'seed' }],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await repository().create(
    nomination,
    { campaignId: cid, at, by: 'seed', action: 'test.seeded', subject: nomination.id },
    'nomination',
  );
  return nomination;
};

/** A fresh campaign in `publicity` holding the given nominations (approved unless said otherwise). */
export const campaignOnNotice = async (specs: SeedSpec[]): Promise<{ cid: string; seeded: Nomination[] }> => {
  const cid = await newCampaign();
  const seeded: Nomination[] = [];
  for (const spec of specs) {
    const nomination = await seed(cid, spec);
    for (const kind of spec.photos ?? [])
      await storeVerifiedUpload(nomination, kind, {
        bytes: makeJpeg({ width: 640, height: 480, size: spec.photoBytes ?? 20 * 1024 }),
        width: 640,
        height: 480,
      });
    seeded.push(nomination);
  }
  await moveTo(cid, 'review');
  await moveTo(cid, 'publicity');
  return { cid, seeded };
};

/** A campaign still taking nominations, with one approved nomination (for "not public yet"). */
export const campaignInNomination = async (): Promise<{ cid: string; nomination: Nomination }> => {
  const cid = await newCampaign();
  const nomination = await seed(cid, { name: '尚未公示', category: 'star', district: 'city', sector: '税务' });
  return { cid, nomination };
};
