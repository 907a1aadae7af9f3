/** The campaigns function: configuration, the public view, stage moves and the audit trail. */
import { serveRoutes } from '../runtime/http';
import { copyCampaignRoute } from './copy-campaign';
import { createCampaignRoute } from './create-campaign';
import { getCampaignRoute } from './get-campaign';
import { listAuditRoute } from './list-audit';
import { listCampaignsRoute } from './list-campaigns';
import { listTransitionsRoute } from './list-transitions';
import { transitionCampaignRoute } from './transition-campaign';
import { updateCampaignRoute } from './update-campaign';

export const campaignRoutes = [
  createCampaignRoute,
  copyCampaignRoute,
  listCampaignsRoute,
  getCampaignRoute,
  updateCampaignRoute,
  listTransitionsRoute,
  transitionCampaignRoute,
  listAuditRoute,
];

export const handler = serveRoutes(campaignRoutes);
