/**
 * Vote brushing (刷票) flags, evaluated by the consumer after each batch over the requests it
 * counted. Each counted request leaves signals (its IP, its /24, its device id, and whether a new
 * voter voted at night); a signal key that gathers at least a rule's number of distinct voters
 * within the rule's window raises a flag. Flagged votes stay counted: an admin reviews the flag and
 * may void them (voids.ts). A batch's signals under one key are written as one item (flag-repository.ts),
 * an IP's in its /24's, and expire after 30 days.
 */
import { createHash } from 'node:crypto';
import { say } from '../errors';
import { isShanghaiNight } from './days';
import type { VoteMessage } from './vote-message';

const MINUTE = 60_000;

/** `ip-cluster` and `subnet-cluster` share their window: an IP's signals are kept in its /24's (flag-repository.ts). */
export const FLAG_RULES = {
  'ip-cluster': {
    windowMs: 10 * MINUTE,
    minVoters: 20,
    description: say('10 分钟内大量投票人来自同一 IP 地址', 'Many voters from one IP address within 10 minutes'),
  },
  'subnet-cluster': {
    windowMs: 10 * MINUTE,
    minVoters: 50,
    description: say('10 分钟内大量投票人来自同一 /24 网段', 'Many voters from one /24 network within 10 minutes'),
  },
  'night-new-voters': {
    windowMs: 10 * MINUTE,
    minVoters: 30,
    description: say(
      '夜间（北京时间 00:00-06:00）一小时内集中出现大量新投票人',
      'A burst of voters new within the hour, voting at night (00:00-06:00 Asia/Shanghai)',
    ),
  },
  'shared-device': {
    windowMs: 24 * 60 * MINUTE,
    minVoters: 3,
    description: say(
      '一天内同一设备指纹（x-device-id）被多个手机号码使用',
      'One device fingerprint (x-device-id) used by several phone numbers within a day',
    ),
  },
} as const;
export type FlagRule = keyof typeof FLAG_RULES;

export interface Signal {
  campaignId: string;
  rule: FlagRule;
  /** What the voters share: an IP, a /24, a device id, or `campaign` for the night rule. */
  key: string;
  windowStart: string;
  voterId: string;
  requestId: string;
  /** The request's counted receipts: what a void of the flag removes. */
  receiptIds: string[];
  at: string;
}

export interface Flag {
  flagId: string;
  campaignId: string;
  rule: FlagRule;
  key: string;
  windowStart: string;
  windowEnd: string;
  /** Distinct voters seen (at least this many). */
  voters: number;
  flaggedAt: string;
}

export interface FlagStore {
  putSignals(signals: Signal[]): Promise<void>;
  /** Distinct voters under a signal key, counting no further than `atLeast`. */
  distinctVoters(signal: Pick<Signal, 'campaignId' | 'rule' | 'key' | 'windowStart'>, atLeast: number): Promise<number>;
  putFlag(flag: Flag): Promise<void>;
  listFlags(campaignId: string): Promise<Flag[]>;
  getFlag(campaignId: string, flagId: string): Promise<Flag | undefined>;
  signalsOf(flag: Flag): Promise<Signal[]>;
}

const windowStart = (rule: FlagRule, at: Date) => {
  const size = FLAG_RULES[rule].windowMs;
  return new Date(Math.floor(at.getTime() / size) * size).toISOString();
};

/** The /24 of an IPv4 address, the /48 of an IPv6 one. */
export const subnetOf = (ip: string): string =>
  ip.includes(':') ? `${ip.split(':').slice(0, 3).join(':')}::/48` : `${ip.split('.').slice(0, 3).join('.')}.0/24`;

/** The signals one counted request leaves. */
export const signalsOf = (m: VoteMessage): Signal[] => {
  const receiptIds = m.votes.filter((v) => v.status === 'counted').map((v) => v.receiptId);
  if (receiptIds.length === 0) return [];
  const at = new Date(m.acceptedAt);
  const base = { campaignId: m.campaignId, voterId: m.voterId, requestId: m.requestId, receiptIds, at: m.acceptedAt };
  const signal = (rule: FlagRule, key: string): Signal => ({ ...base, rule, key, windowStart: windowStart(rule, at) });
  const isNew = at.getTime() - Date.parse(m.firstSeenAt) < 60 * MINUTE;
  return [
    signal('ip-cluster', m.ip),
    signal('subnet-cluster', subnetOf(m.ip)),
    ...(m.deviceId ? [signal('shared-device', m.deviceId)] : []),
    ...(isNew && isShanghaiNight(at) ? [signal('night-new-voters', 'campaign')] : []),
  ];
};

/** A flag's stable id: one per rule, key and window. */
export const flagIdOf = (s: Pick<Signal, 'rule' | 'key' | 'windowStart'>): string =>
  `${s.rule}.${createHash('sha256').update(`${s.key}|${s.windowStart}`).digest('hex').slice(0, 12)}`;

/** Records the batch's signals and raises (or refreshes) a flag for each key that reached its rule's threshold. */
export const observeBrushing =
  (store: FlagStore, now: () => Date = () => new Date()) =>
  async (messages: VoteMessage[]): Promise<void> => {
    const signals = messages.flatMap(signalsOf);
    if (signals.length === 0) return;
    await store.putSignals(signals);
    const keys = new Map(signals.map((s) => [`${s.campaignId}|${flagIdOf(s)}`, s]));
    await Promise.all(
      [...keys.values()].map(async (s) => {
        const { minVoters, windowMs } = FLAG_RULES[s.rule];
        // A flag raised once stays (its evidence grows with the signals): no count, no write again.
        if (await store.getFlag(s.campaignId, flagIdOf(s))) return;
        const voters = await store.distinctVoters(s, minVoters);
        if (voters < minVoters) return;
        await store.putFlag({
          flagId: flagIdOf(s),
          campaignId: s.campaignId,
          rule: s.rule,
          key: s.key,
          windowStart: s.windowStart,
          windowEnd: new Date(Date.parse(s.windowStart) + windowMs).toISOString(),
          voters,
          flaggedAt: now().toISOString(),
        });
      }),
    );
  };

/**
 * A flag as admins see it: the rule, the evidence, shortened voter hashes (never a phone number) and the receipts it
 * covers.
 */
export const flagEvidence = async (flag: Flag, store: FlagStore) => {
  const signals = await store.signalsOf(flag);
  const voters = [...new Set(signals.map((s) => s.voterId))];
  return {
    ...flag,
    description: FLAG_RULES[flag.rule].description.zh,
    descriptionEn: FLAG_RULES[flag.rule].description.en,
    voters: voters.length,
    voterSample: voters.slice(0, 20).map((v) => v.slice(0, 8)),
    requests: signals.length,
    receiptIds: signals.flatMap((s) => s.receiptIds),
  };
};
