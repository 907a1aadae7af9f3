/**
 * Chinese first, English as a switch. Every text is written once as `t('中文', 'English')` beside
 * where it is used, so the two cannot drift apart; the choice is kept in localStorage.
 */
import { useEffect, useState } from 'preact/hooks';

export type Lang = 'zh' | 'en';
const KEY = 'lang';
let current: Lang = localStorage.getItem(KEY) === 'en' ? 'en' : 'zh';
const listeners = new Set<() => void>();

export const lang = () => current;
export const t = (zh: string, en: string): string => (current === 'en' ? en : zh);

export const setLang = (next: Lang) => {
  current = next;
  localStorage.setItem(KEY, next);
  document.documentElement.lang = next === 'en' ? 'en' : 'zh-CN';
  for (const listener of listeners) listener();
};

/** Re-renders the caller when the language changes. */
export const useLang = (): Lang => {
  const [value, setValue] = useState(current);
  useEffect(() => {
    const listener = () => setValue(current);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return value;
};

const STAGES: Record<string, [string, string]> = {
  draft: ['筹备', 'Draft'],
  nomination: ['申报推荐', 'Nomination'],
  review: ['资格审核', 'Review'],
  publicity: ['公示', 'Public notice'],
  voting: ['投票', 'Voting'],
  scoring: ['计分', 'Scoring'],
  announcement: ['结果公布', 'Announcement'],
  awarded: ['表彰', 'Awarded'],
};
export const stageName = (stage: string) => {
  const names = STAGES[stage];
  return names ? t(...names) : stage;
};

const STATUSES: Record<string, [string, string]> = {
  queued: ['排队中', 'Queued'],
  counted: ['已计票', 'Counted'],
  duplicate: ['重复投票', 'Duplicate'],
  over_limit: ['超出限额', 'Over the limit'],
  voided: ['已作废', 'Voided'],
  draft: ['草稿', 'Draft'],
  submitted: ['已提交', 'Submitted'],
  returned: ['已退回', 'Returned'],
  endorsed: ['部门已推荐', 'Endorsed'],
  forwarded: ['县市区已推荐', 'Forwarded'],
  approved: ['审核通过', 'Approved'],
  rejected: ['未通过', 'Rejected'],
  disqualified: ['已取消资格', 'Disqualified'],
  pending: ['检查中', 'Checking'],
  verified: ['已通过检查', 'Verified'],
  open: ['待处理', 'Open'],
  upheld: ['成立', 'Upheld'],
  dismissed: ['不成立', 'Dismissed'],
};
export const statusName = (status: string) => {
  const names = STATUSES[status];
  return names ? t(...names) : status;
};

export const categoryName = (category: string) =>
  category === 'window' ? t('优质服务窗口', 'Service window') : t('优质服务明星', 'Service star');

/** A time in Beijing time, as the campaign's dates are. */
export const beijing = (iso: string | null | undefined) =>
  iso
    ? new Date(iso).toLocaleString(current === 'en' ? 'en-GB' : 'zh-CN', {
        timeZone: 'Asia/Shanghai',
        dateStyle: 'medium',
        timeStyle: 'short',
      })
    : '—';
