/**
 * In-memory stand-ins of the judging and results ports, for domain tests (the DynamoDB/S3 adapters are tested end to
 * end).
 */
import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../shared/audit/audit';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';
import { outcomeConfigHash } from '../../shared/campaigns/campaigns';
import type { Campaign, Category, Stage } from '../../shared/campaigns/schema';
import { ConflictError, say } from '../../shared/errors';
import type { Candidate } from '../../shared/judging/candidates';
import type { JudgingDeps } from '../../shared/judging/judging';
import type { JudgingRepository } from '../../shared/judging/judging-repository';
import type { Conflict, Judge, Score } from '../../shared/judging/schema';
import type { ResultFiles } from '../../shared/results/result-files';
import type { ResultsDeps } from '../../shared/results/results';
import type {
  Override,
  ResultsClaim,
  ResultsJob,
  ResultsRepository,
  Snapshot,
} from '../../shared/results/results-repository';
import type { CountedVote } from '../../shared/scoring/recount';
import { createFakeCampaignRepository } from '../campaigns/fake-campaign-repository';

export const admin = { sub: 'admin', username: 'admin', name: 'admin', roles: ['admin' as const] };
export const judgeActor = (username: string) => ({
  sub: username,
  username,
  name: username,
  roles: ['judge' as const],
});

export const candidate = (nominationId: string, over: Partial<Candidate> = {}): Candidate => ({
  nominationId,
  category: 'window',
  district: 'city',
  department: `dept-${nominationId}`,
  unit: `unit-${nominationId}`,
  name: `候选 ${nominationId}`,
  sector: '银行',
  disqualified: false,
  materials: [{ key: 'declaration', title: '单位服务宣言或服务理念', value: '微笑服务' }],
  ...over,
});

export const judgeRecord = (username: string, over: Partial<Judge> = {}): Judge => ({
  username,
  name: username,
  district: 'city',
  unit: `unit-of-${username}`,
  addedAt: '2019-07-01T00:00:00+08:00',
  addedBy: 'admin',
  ...over,
});

export const createWorld = (stage: Stage = 'voting') => {
  const { repository: campaigns, audit } = createFakeCampaignRepository();
  const campaign: Campaign = {
    id: 'c1',
    stage,
    config: campaign2019,
    frozenConfigHash: outcomeConfigHash(campaign2019),
    stageChangedAt: '2019-07-27T00:00:00+08:00',
    createdAt: '2019-04-01T00:00:00+08:00',
    createdBy: 'admin',
    version: 1,
  };
  void campaigns.create(campaign, {
    campaignId: 'c1',
    at: campaign.createdAt,
    by: 'admin',
    action: 'campaign.created',
  });

  const judges: Judge[] = [];
  const conflicts: Conflict[] = [];
  const scores: Score[] = [];
  const judging: JudgingRepository = {
    async addJudge(_cid, judge, entry) {
      if (judges.some((j) => j.username === judge.username))
        throw new ConflictError('JUDGE_EXISTS', say('已存在', 'exists'));
      judges.push(judge);
      audit.push(entry);
    },
    listJudges: async () => [...judges],
    async putConflicts(_cid, list, entry) {
      conflicts.push(...list);
      audit.push(entry);
    },
    listConflicts: async () => [...conflicts],
    async putScore(_cid, score, entry) {
      const i = scores.findIndex((s) => s.judge === score.judge && s.nominationId === score.nominationId);
      if (i >= 0) scores.splice(i, 1);
      scores.push(score);
      audit.push(entry);
    },
    listScores: async () => [...scores],
  };

  const candidates: Candidate[] = [];
  const votes: CountedVote[] = [];
  const live = new Map<string, number>();
  const backlog = { inFlight: 0, deadLettered: 0 };
  const snapshots: Snapshot[] = [];
  const overrides: Override[] = [];
  const jobs: ResultsJob[] = [];
  /** The claim held, as the DynamoDB repository keeps it (one per campaign; the fake has one campaign). */
  const claims: { held?: ResultsClaim & { claimId: string }; taken: number } = { taken: 0 };
  const results: ResultsRepository = {
    latest: async () => snapshots.at(-1),
    async claim(_cid, claim) {
      if (snapshots.some((s) => s.version === claim.version))
        throw new ConflictError(
          'RESULTS_CHANGED',
          say(`第 ${claim.version} 版已存在`, `version ${claim.version} exists`),
        );
      if (claims.held && claims.held.leaseUntil >= Date.parse(claim.at))
        throw new ConflictError('RESULTS_BUSY', say('另一次计算正在进行', 'another run holds the claim'));
      claims.taken += 1;
      claims.held = { ...claim, claimId: `claim-${claims.taken}` };
      return claims.held.claimId;
    },
    async release(_cid, claimId) {
      if (claims.held?.claimId === claimId) claims.held = undefined;
    },
    async putSnapshot(snapshot, entries, claimId) {
      if (snapshots.some((s) => s.version === snapshot.version) || claims.held?.claimId !== claimId)
        throw new ConflictError('RESULTS_CHANGED', say('刚已计算', 'computed meanwhile'));
      snapshots.push(snapshot);
      audit.push(...entries);
      claims.held = undefined;
    },
    async putOverride(_cid, override, entry, seen) {
      if (seen !== overrides.length)
        throw new ConflictError('OVERRIDES_CHANGED', say('刚已改判', 'overridden meanwhile'));
      overrides.push(override);
      audit.push(entry);
    },
    listOverrides: async () => [...overrides],
    job: async () => jobs.at(-1),
    async requestJob(_cid, requestedBy, at) {
      const current = jobs.at(-1);
      if (current && (current.state === 'queued' || current.state === 'running')) return current;
      jobs.push({ jobId: `job-${jobs.length + 1}`, state: 'queued', requestedBy, requestedAt: at, votesRead: 0 });
      return jobs.at(-1)!;
    },
    async updateJob(_cid, jobId, changes) {
      const i = jobs.findIndex((j) => j.jobId === jobId);
      if (i === jobs.length - 1) jobs[i] = { ...jobs[i]!, ...changes };
    },
  };
  const objects = new Map<string, Buffer>();
  const files: ResultFiles = {
    lines(key, _type, end = '\n') {
      const lines: string[] = [];
      return {
        async write(line) {
          lines.push(line);
        },
        async close() {
          const body = Buffer.from(lines.map((l) => `${l}${end}`).join(''));
          objects.set(key, body);
          return { sha256: createHash('sha256').update(body).digest('hex'), lines: lines.length };
        },
        async abort() {},
      };
    },
    async put(key, body) {
      objects.set(key, Buffer.from(body));
    },
    get: async (key) => objects.get(key),
    async stream(key) {
      const body = objects.get(key)!;
      return (async function* () {
        yield body;
      })();
    },
    link: async (key) => `memory://${key}`,
  };

  const judgingDeps: JudgingDeps = { campaigns, judging, candidates: async () => [...candidates] };
  const resultsDeps: ResultsDeps = {
    ...judgingDeps,
    votes: {
      async *counted(_cid, prefix = '') {
        yield* votes.filter((v) => v.receiptId.startsWith(prefix));
      },
      liveCounts: async () => live,
      voidedCount: async () => 2,
    },
    votesBacklog: async () => backlog,
    results,
    files,
  };
  const setStage = async (to: Stage) => {
    const current = (await campaigns.get('c1'))!;
    await campaigns.update(
      { ...current, stage: to, version: current.version + 1 },
      { campaignId: 'c1', at: '2019-08-10T00:00:00+08:00', by: 'admin', action: 'test' },
    );
  };
  /** Casts n votes, one request each (request ids made from a sequence: each new); `votes` stays in receipt order. */
  let requests = 0;
  const castVotes = (candidateId: string, n: number, category: Category = 'window') => {
    for (let i = 0; i < n; i++)
      votes.push({
        receiptId: `${createHash('sha1').update(String(requests++)).digest('hex')}-0`,
        candidateId,
        category,
        day: `2019-07-${String(27 + (i % 5)).padStart(2, '0')}`,
      });
    votes.sort((a, b) => (a.receiptId < b.receiptId ? -1 : 1));
    live.set(candidateId, (live.get(candidateId) ?? 0) + n);
  };
  return {
    campaigns,
    audit: audit as Array<Omit<AuditEntry, 'id'>>,
    judges,
    conflicts,
    scores,
    candidates,
    votes,
    live,
    backlog,
    snapshots,
    jobs,
    claims,
    overrides,
    objects,
    judgingDeps,
    resultsDeps,
    setStage,
    castVotes,
  };
};
