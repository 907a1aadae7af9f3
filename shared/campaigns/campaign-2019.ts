/**
 * The 2019 campaign as the notice (荆工办〔2019〕3号) sets it: four districts with the quotas of
 * annex 1, the twenty sectors of section 四, the criteria of section 六, the dates of section 七
 * (Asia/Shanghai), votes 60% and experts 40%, the office's contact (七(一)). The local system seeds
 * it; admins may start from it.
 */
import type { CampaignConfig, District } from './schema';

const quotas = (recommend: number, award: number): District['quotas'] => ({
  window: { recommend, award },
  star: { recommend, award },
});

export const campaign2019: CampaignConfig = {
  year: 2019,
  name: '2019年度荆门市窗口行业“优质服务窗口、优质服务明星”评选活动',
  districts: [
    { id: 'city', name: '市直', quotas: quotas(18, 9) },
    { id: 'dongbao', name: '东宝区', quotas: quotas(10, 5) },
    { id: 'duodao', name: '荆门高新区·掇刀区', quotas: quotas(10, 5) },
    { id: 'zhanghe', name: '漳河新区', quotas: quotas(2, 1) },
  ],
  sectors: [
    '政务服务中心',
    '警务',
    '税务',
    '市场监督',
    '燃气',
    '供水',
    '供电',
    '公交',
    '出租车',
    '铁路',
    '风景园林',
    '物业管理',
    '邮政',
    '电信',
    '银行',
    '医院',
    '集贸市场',
    '宾馆',
    '旅行社',
    '商业零售',
  ],
  criteria: {
    window: [
      { key: 'attitude', name: '服务态度“好”', max: 20 },
      { key: 'discipline', name: '服务纪律“严”', max: 20 },
      { key: 'environment', name: '服务环境“优”', max: 20 },
      { key: 'procedure', name: '服务程序“简”', max: 20 },
      { key: 'efficiency', name: '服务效率“高”', max: 20 },
    ],
    star: [
      { key: 'quality', name: '个人素质过硬', max: 20 },
      { key: 'conduct', name: '举止得体', max: 20 },
      { key: 'behaviour', name: '行为规范', max: 20 },
      { key: 'skill', name: '技能出众', max: 20 },
      { key: 'satisfaction', name: '对象满意', max: 20 },
    ],
  },
  weights: { votes: 60, experts: 40 },
  voting: { perCandidatePerDay: 1, candidatesPerCategoryPerDay: 5, liveCounts: 'hidden' },
  judging: { stages: ['publicity', 'voting'], dropExtremesFrom: 5 },
  forms: { resumeChars: { min: 150, max: 600 }, accountChars: { min: 500, max: 2000 } },
  // 七(一): the office's contact, printed in the notice.
  contacts: [{ name: '谢恒阳', phone: '2372245', email: '32381161@qq.com' }],
  // The 2019 dates are history: they are shown as the timeline, and an admin moves the demo by hand.
  autoAdvance: false,
  schedule: {
    nomination: '2019-04-09T00:00:00+08:00',
    review: '2019-07-10T00:00:00+08:00',
    publicity: '2019-07-19T00:00:00+08:00',
    voting: '2019-07-27T00:00:00+08:00',
    scoring: '2019-08-10T00:00:00+08:00',
    announcement: '2019-08-20T00:00:00+08:00',
    awarded: '2019-08-30T00:00:00+08:00',
  },
};
