/** An in-memory CampaignRepository with the same version rule as the DynamoDB one, for domain tests. */
import type { AuditEntry } from '../../shared/audit/audit';
import type { CampaignRepository } from '../../shared/campaigns/campaign-repository';
import type { Campaign } from '../../shared/campaigns/schema';
import { ConflictError, say } from '../../shared/errors';

export const createFakeCampaignRepository = () => {
  const campaigns = new Map<string, Campaign>();
  const audit: Array<Omit<AuditEntry, 'id'>> = [];
  const records = new Map<string, number>();
  const repository: CampaignRepository = {
    async get(id) {
      return campaigns.get(id);
    },
    async list() {
      return [...campaigns.values()];
    },
    async create(campaign, entry) {
      if (campaigns.has(campaign.id)) throw new ConflictError('CAMPAIGN_EXISTS', say('已存在', 'exists'));
      campaigns.set(campaign.id, campaign);
      audit.push(entry);
    },
    async update(campaign, entry) {
      if (campaigns.get(campaign.id)?.version !== campaign.version - 1)
        throw new ConflictError('CAMPAIGN_CHANGED', say('已更改', 'changed'));
      campaigns.set(campaign.id, campaign);
      audit.push(entry);
    },
    async countRecords() {
      return records;
    },
  };
  return { repository, audit, records };
};
