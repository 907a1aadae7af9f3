/**
 * First start of the local system: the 2019 campaign from the notice, in `draft`, under the fixed
 * id `jingmen-2019`, and the registry's named departments and units the demo users belong to. Later
 * starts find them and leave them (and everything done to them) alone.
 */
import { createCampaignRepository } from '../../shared/campaigns/campaign-repository';
import { createCampaign } from '../../shared/campaigns/campaigns';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import { createRegistryRepository } from '../../shared/registry/registry-repository';
import type { Department, Unit } from '../../shared/registry/registry';
import { localResourceNames } from './environment';

export const DEMO_CAMPAIGN_ID = 'jingmen-2019';

const stamp = { updatedAt: '2019-06-01T00:00:00.000Z', updatedBy: 'seed' };

/** The departments and units of the demo users (infra/local/demo-users.ts), by name. */
export const demoDepartments: Department[] = [
  { id: 'city-gov-services', name: '荆门市政务服务和大数据管理局', district: 'city', sector: '政务服务中心', ...stamp },
  { id: 'city-consumer-council', name: '荆门市消费者委员会', district: 'city', ...stamp },
  { id: 'city-trade-union', name: '荆门市总工会', district: 'city', ...stamp },
  { id: 'dongbao-health', name: '东宝区卫生健康局', district: 'dongbao', sector: '医院', ...stamp },
  { id: 'duodao-market', name: '掇刀区市场监督管理局', district: 'duodao', sector: '集贸市场', ...stamp },
  { id: 'zhanghe-public', name: '漳河新区公共服务局', district: 'zhanghe', sector: '供水', ...stamp },
];

export const demoUnits: Unit[] = [
  {
    id: 'city-service-center',
    name: '荆门市政务服务中心',
    district: 'city',
    department: 'city-gov-services',
    sector: '政务服务中心',
    ...stamp,
  },
  {
    id: 'city-consumer-council',
    name: '荆门市消费者委员会秘书处',
    district: 'city',
    department: 'city-consumer-council',
    ...stamp,
  },
  { id: 'city-trade-union', name: '荆门市总工会机关', district: 'city', department: 'city-trade-union', ...stamp },
  {
    id: 'dongbao-hospital',
    name: '东宝区人民医院',
    district: 'dongbao',
    department: 'dongbao-health',
    sector: '医院',
    ...stamp,
  },
  {
    id: 'duodao-market-hall',
    name: '掇刀区集贸市场',
    district: 'duodao',
    department: 'duodao-market',
    sector: '集贸市场',
    ...stamp,
  },
  {
    id: 'zhanghe-water',
    name: '漳河新区供水服务窗口',
    district: 'zhanghe',
    department: 'zhanghe-public',
    sector: '供水',
    ...stamp,
  },
];

/** Seeds the demo registry when it holds no department yet. */
const seedRegistry = async () => {
  const registry = createRegistryRepository({ tableName: localResourceNames.table });
  if ((await registry.list('departments')).length > 0) return;
  await registry.putMany('departments', demoDepartments);
  await registry.putMany('units', demoUnits);
};

/** Seeds the demo campaign once (and the registry); returns whether the campaign was created now. */
export const seed = async (): Promise<boolean> => {
  await seedRegistry();
  const campaigns = createCampaignRepository({ tableName: localResourceNames.table });
  if (await campaigns.get(DEMO_CAMPAIGN_ID)) return false;
  const seeder = { sub: 'seed', username: 'seed', name: 'seed', roles: ['admin' as const] };
  await createCampaign(campaign2019, seeder, { campaigns }, DEMO_CAMPAIGN_ID);
  return true;
};
