/**
 * The demo users the local issuer signs tokens for (`POST /local/login {"username"}`), one per role
 * and per district: the same claims a Cognito user pool would put in an ID token.
 */
import type { Actor } from '../../shared/auth/actor';

export type DemoUser = Omit<Actor, 'sub'>;

export const demoUsers: DemoUser[] = [
  { username: 'admin', name: '市总工会宣教部（评选活动办公室）', roles: ['admin'] },

  { username: 'district-city', name: '市直 文明办/总工会', roles: ['district'], district: 'city' },
  { username: 'district-dongbao', name: '东宝区 文明办/总工会', roles: ['district'], district: 'dongbao' },
  { username: 'district-duodao', name: '荆门高新区·掇刀区 文明办/总工会', roles: ['district'], district: 'duodao' },
  { username: 'district-zhanghe', name: '漳河新区 文明办/总工会', roles: ['district'], district: 'zhanghe' },

  {
    username: 'dept-city',
    name: '市政务服务和大数据管理局',
    roles: ['department'],
    district: 'city',
    department: 'city-gov-services',
  },
  {
    username: 'dept-dongbao',
    name: '东宝区卫生健康局',
    roles: ['department'],
    district: 'dongbao',
    department: 'dongbao-health',
  },
  {
    username: 'dept-duodao',
    name: '掇刀区市场监督管理局',
    roles: ['department'],
    district: 'duodao',
    department: 'duodao-market',
  },
  {
    username: 'dept-zhanghe',
    name: '漳河新区公共服务局',
    roles: ['department'],
    district: 'zhanghe',
    department: 'zhanghe-public',
  },

  {
    username: 'applicant-city',
    name: '荆门市政务服务中心',
    roles: ['applicant'],
    district: 'city',
    department: 'city-gov-services',
    unit: 'city-service-center',
  },
  {
    username: 'applicant-dongbao',
    name: '东宝区人民医院',
    roles: ['applicant'],
    district: 'dongbao',
    department: 'dongbao-health',
    unit: 'dongbao-hospital',
  },
  {
    username: 'applicant-duodao',
    name: '掇刀区集贸市场',
    roles: ['applicant'],
    district: 'duodao',
    department: 'duodao-market',
    unit: 'duodao-market-hall',
  },
  {
    username: 'applicant-zhanghe',
    name: '漳河新区供水服务窗口',
    roles: ['applicant'],
    district: 'zhanghe',
    department: 'zhanghe-public',
    unit: 'zhanghe-water',
  },

  {
    username: 'judge-1',
    name: '评审专家 王',
    roles: ['judge'],
    district: 'city',
    department: 'city-gov-services',
    unit: 'city-service-center',
  },
  {
    username: 'judge-2',
    name: '评审专家 李',
    roles: ['judge'],
    district: 'dongbao',
    department: 'city-consumer-council',
    unit: 'city-consumer-council',
  },
  {
    username: 'judge-3',
    name: '评审专家 张',
    roles: ['judge'],
    district: 'duodao',
    department: 'city-trade-union',
    unit: 'city-trade-union',
  },
];
