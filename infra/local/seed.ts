/**
 * First start of the local system: the 2019 campaign from the notice, in `draft`, under the fixed
 * id `jingmen-2019`. Later starts find it and leave it (and everything done to it) alone.
 */
import { createCampaignRepository } from '../../shared/campaigns/campaign-repository';
import { createCampaign } from '../../shared/campaigns/campaigns';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import { localResourceNames } from './environment';

export const DEMO_CAMPAIGN_ID = 'jingmen-2019';

/** Seeds the demo campaign once; returns whether it was created now. */
export const seed = async (): Promise<boolean> => {
  const campaigns = createCampaignRepository({ tableName: localResourceNames.table });
  if (await campaigns.get(DEMO_CAMPAIGN_ID)) return false;
  const seeder = { sub: 'seed', username: 'seed', name: 'seed', roles: ['admin' as const] };
  await createCampaign(campaign2019, seeder, { campaigns }, DEMO_CAMPAIGN_ID);
  return true;
};
