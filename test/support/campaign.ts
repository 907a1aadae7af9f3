/** An in-memory campaign record for domain tests: the 2019 configuration, in the stage asked for. */
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import type { Campaign, CampaignConfig, Stage } from '../../shared/campaigns/schema';

export const campaignIn = (
  stage: Stage,
  config: Partial<CampaignConfig> = {},
  overrides: Partial<Campaign> = {},
): Campaign => ({
  id: 'c1',
  stage,
  config: { ...campaign2019, ...config },
  stageChangedAt: '2019-07-27T00:00:00+08:00',
  createdAt: '2019-04-01T00:00:00+08:00',
  createdBy: 'admin',
  version: 1,
  ...overrides,
});
