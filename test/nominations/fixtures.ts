/**
 * Complete application forms that satisfy the 2019 bounds (résumé 150-600, account 500-2000 characters), with every
 * declaration made. The star claims an honour, so submitting it needs a certificate copy.
 */
import { DECLARATIONS, type NominationForm } from '../../shared/nominations/forms';

export const allDeclarations = (): string[] => [...DECLARATIONS];

const repeat = (text: string, chars: number) => text.repeat(Math.ceil(chars / [...text].length)).slice(0, chars);

export const windowForm = (overrides: NominationForm = {}): NominationForm => ({
  unitName: '荆门市政务服务中心综合窗口',
  phone: '0724-2372245',
  address: '荆门市东宝区象山大道1号',
  head: '王主任',
  headMobile: '13800000001',
  handler: '李经办',
  handlerPost: '科员',
  handlerMobile: '13900000002',
  declaration: '真情服务，热情服务，周到服务，微笑服务。',
  deeds: '2018年度全市文明窗口；推行一次性告知制度，群众满意率99%。',
  account: repeat('窗口推行“一站式”服务，让群众少跑路、快办事。', 800),
  declarations: allDeclarations(),
  ...overrides,
});

export const starForm = (overrides: NominationForm = {}): NominationForm => ({
  name: '张明星',
  sex: '女',
  birthMonth: '1990-05',
  nativePlace: '湖北荆门',
  politicalStatus: '中共党员',
  workUnit: '东宝区人民医院',
  post: '导诊台护士',
  education: '大学本科',
  school: '湖北中医药大学',
  mobile: '13700000003',
  smileDeclaration: '用微笑温暖每一位患者。',
  hobbies: ['唱歌', '绘画'],
  resume: repeat('从事导诊工作十年，熟练掌握分诊技能，多次获评优秀员工。', 300),
  honours: '2018年度优秀护士',
  account: repeat('她始终坚持微笑服务，耐心解答每一位患者的问题。', 1000),
  declarations: allDeclarations(),
  ...overrides,
});
