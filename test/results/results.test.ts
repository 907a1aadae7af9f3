import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, RuleViolationError } from '../../shared/errors';
import { applyProof } from '../../shared/scoring/merkle';
import { leafHash, voteRecord } from '../../shared/scoring/merkle';
import type { CountedVote } from '../../shared/scoring/recount';
import { overridesDocumentSchema, resultsDocumentSchema, sha256 } from '../../shared/results/document';
import { createProofFinder } from '../../shared/results/proof';
import {
  certificateFor,
  computeResults,
  computeDueResults,
  computationStatus,
  publishedFileLinks,
  publishOverridesFiles,
  requestComputation,
  votesExportLink,
  recordOverride,
  RESULTS_CLAIM_LEASE_MS,
  viewResults,
  type ResultsDeps,
} from '../../shared/results/results';
import { verifyTally } from '../../shared/results/verify';
import { admin, candidate, createWorld, judgeRecord } from './fakes';

const run = promisify(execFile);
const repository = fileURLToPath(new URL('../..', import.meta.url));

/**
 * w1, w2 (city), w3, w4 (zhanghe, 1 award place), a disqualified window with the most votes, a star nobody voted for.
 */
const scenario = async () => {
  const world = createWorld('scoring');
  world.candidates.push(
    candidate('w1'),
    candidate('w2'),
    candidate('w3', { district: 'zhanghe' }),
    candidate('w4', { district: 'zhanghe' }),
    candidate('dq', { district: 'dongbao', disqualified: true }),
    candidate('s1', { category: 'star' }),
  );
  world.judges.push(judgeRecord('j1'), judgeRecord('j2'), judgeRecord('j3'));
  const totals: Record<string, number[]> = {
    w1: [80, 90, 70],
    w2: [60, 70, 80],
    w3: [50, 50, 50],
    w4: [90, 90, 90],
    s1: [70, 75, 80],
  };
  for (const [nid, list] of Object.entries(totals)) {
    list.forEach((total, i) =>
      world.scores.push({
        judge: `j${i + 1}`,
        nominationId: nid,
        category: nid === 's1' ? 'star' : 'window',
        criteria: [total - 60, 15, 15, 15, 15].map((v) => Math.max(0, v)),
        total,
        at: '2019-08-01T00:00:00+08:00',
        revision: 1,
      }),
    );
  }
  world.castVotes('w1', 10);
  world.castVotes('w2', 5);
  world.castVotes('w3', 2);
  world.castVotes('dq', 20);
  world.live.set('w2', 6); // the live counter drifted: the recount wins
  return world;
};

const published = (world: Awaited<ReturnType<typeof scenario>>) => {
  const snapshot = world.snapshots.at(-1)!;
  return {
    results: world.objects.get(snapshot.files.results)!.toString('utf8'),
    votes: world.objects.get(snapshot.files.votes)!,
    overrides: world.objects.get(snapshot.files.overrides)!.toString('utf8'),
  };
};

describe('computing results at close', () => {
  let world: Awaited<ReturnType<typeof scenario>>;
  beforeEach(async () => {
    world = await scenario();
  });

  it('recounts, scores, ranks and picks winners within each district quota; the disqualified set no maximum', async () => {
    await computeResults('c1', 'admin', world.resultsDeps);
    const doc = resultsDocumentSchema.parse(JSON.parse(published(world).results));
    const row = (nid: string) => doc.categories.window.find((r) => r.nominationId === nid)!;
    expect(row('w1')).toMatchObject({
      votes: 10,
      votePart: 60,
      expertPart: 32,
      total: 92,
      rank: 1,
      awardedByRanking: true,
    });
    expect(row('w2')).toMatchObject({
      votes: 5,
      votePart: 30,
      expertPart: 28,
      total: 58,
      rank: 2,
      awardedByRanking: true,
    });
    expect(row('w4')).toMatchObject({
      votes: 0,
      votePart: 0,
      expertPart: 36,
      total: 36,
      rank: 3,
      awardedByRanking: true,
    });
    expect(row('w3')).toMatchObject({
      votes: 2,
      votePart: 12,
      expertPart: 20,
      total: 32,
      rank: 4,
      awardedByRanking: false,
    });
    expect(row('dq')).toMatchObject({ votes: 20, rank: null, awardedByRanking: false });
    expect(doc.categories.star[0]).toMatchObject({
      votes: 0,
      votePart: 0,
      expertPart: 30,
      rank: 1,
      awardedByRanking: true,
    });
    expect(doc.tally).toMatchObject({ total: 37, voided: 2, votesFile: { lines: 37 } });
    expect(doc.configHash).toBe(world.resultsDeps.campaigns && (await world.campaigns.get('c1'))!.frozenConfigHash);
  });

  it('reports a live counter that differs from the recount to admins, in the snapshot and the audit trail', async () => {
    const snapshot = await computeResults('c1', 'admin', world.resultsDeps);
    expect(snapshot.recount.mismatches).toEqual([{ candidateId: 'w2', live: 6, recounted: 5 }]);
    expect(world.audit.find((a) => a.action === 'results.recount-mismatch')?.details).toMatchObject({
      mismatches: [{ candidateId: 'w2' }],
    });
    const view = await viewResults('c1', admin, world.resultsDeps);
    expect(view.recount?.mismatches).toHaveLength(1);
  });

  it('waits while votes are in flight, and computes only in scoring', async () => {
    world.backlog.inFlight = 3;
    await expect(computeResults('c1', 'admin', world.resultsDeps)).rejects.toMatchObject({ code: 'VOTES_IN_FLIGHT' });
    expect(await computeDueResults(world.resultsDeps)).toEqual([
      { id: 'c1', computed: false, why: expect.stringContaining('3 in flight') },
    ]);
    world.backlog.inFlight = 0;
    expect(await computeDueResults(world.resultsDeps)).toEqual([{ id: 'c1', computed: true, why: 'version 1' }]);
    expect(await computeDueResults(world.resultsDeps)).toEqual([]);
    await world.setStage('announcement');
    await expect(computeResults('c1', 'admin', world.resultsDeps)).rejects.toBeInstanceOf(ConflictError);
  });

  it('shows a running computation with the votes read so far, every 20,000', async () => {
    world.castVotes('w1', 45_000);
    const seen: unknown[] = [];
    const counted = world.resultsDeps.votes.counted;
    const watched = {
      ...world.resultsDeps,
      votes: {
        ...world.resultsDeps.votes,
        async *counted(cid: string) {
          let n = 0;
          for await (const vote of counted(cid)) {
            if (++n === 25_000 || n === 42_000) seen.push(await computationStatus('c1', admin, world.resultsDeps));
            yield vote;
          }
        },
      },
    };
    await requestComputation('c1', admin, world.resultsDeps);
    expect(await computeDueResults(watched)).toEqual([{ id: 'c1', computed: true, why: 'version 1' }]);
    expect(seen).toMatchObject([
      { state: 'running', votesRead: 20_000 },
      { state: 'running', votesRead: 40_000 },
    ]);
    expect(await computationStatus('c1', admin, world.resultsDeps)).toMatchObject({
      state: 'done',
      votesRead: world.votes.length,
    });
  });

  it('takes a request through the API and leaves the work to the worker, which records progress and outcome on it', async () => {
    const asked = await requestComputation('c1', admin, world.resultsDeps);
    expect(asked).toMatchObject({ state: 'queued', requestedBy: 'admin', votesRead: 0 });
    expect(world.snapshots).toEqual([]); // nothing computed on the request path
    // A second request while the first is queued joins it.
    expect((await requestComputation('c1', admin, world.resultsDeps)).jobId).toBe(asked.jobId);
    world.backlog.inFlight = 1;
    await computeDueResults(world.resultsDeps);
    expect(await computationStatus('c1', admin, world.resultsDeps)).toMatchObject({
      state: 'queued',
      waiting: expect.stringContaining('1 票尚未计票'),
      waitingEn: expect.stringContaining('1 in flight'),
    });
    world.backlog.inFlight = 0;
    expect(await computeDueResults(world.resultsDeps)).toEqual([{ id: 'c1', computed: true, why: 'version 1' }]);
    const done = await computationStatus('c1', admin, world.resultsDeps);
    expect(done).toMatchObject({ jobId: asked.jobId, state: 'done', version: 1, votesRead: world.votes.length });
    expect(done.startedAt && done.finishedAt).toBeTruthy();
    expect(world.snapshots[0]!.computedBy).toBe('admin');
    // Done: the tick leaves the campaign alone until the next request.
    expect(await computeDueResults(world.resultsDeps)).toEqual([]);
    const again = await requestComputation('c1', admin, world.resultsDeps);
    expect(again.jobId).not.toBe(asked.jobId);
    // A failure is recorded on the request, with why.
    const failing: ResultsDeps = {
      ...world.resultsDeps,
      votes: { ...world.resultsDeps.votes, liveCounts: () => Promise.reject(new Error('table unreachable')) },
    };
    expect(await computeDueResults(failing)).toEqual([
      { id: 'c1', computed: false, failed: true, why: 'table unreachable' },
    ]);
    expect(await computationStatus('c1', admin, world.resultsDeps)).toMatchObject({
      state: 'failed',
      error: '计算出错：table unreachable',
      errorEn: 'table unreachable',
    });
    expect(world.claims.held).toBeUndefined();
  });

  it('writes the votes CSV beside votes.jsonl in the same pass, and hands it out as a link', async () => {
    const snapshot = await computeResults('c1', 'admin', world.resultsDeps);
    const csv = world.objects.get(snapshot.files.votesCsv)!.toString('utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('\uFEFFreceipt id,candidate id,category,day');
    expect(lines.slice(1, -1)).toHaveLength(world.votes.length);
    expect(lines[1]).toBe(
      [world.votes[0]!.receiptId, world.votes[0]!.candidateId, 'window', world.votes[0]!.day].join(','),
    );
    await expect(votesExportLink('c1', admin, world.resultsDeps)).resolves.toMatchObject({
      version: 1,
      rows: world.votes.length,
      url: `memory://${snapshot.files.votesCsv}`,
    });
  });

  it('records the vote ledger version it covers, and waits while a void is under way', async () => {
    const current = (await world.campaigns.get('c1'))!;
    await world.campaigns.update(
      { ...current, ledgerVersion: 3, voidsPending: 1, version: current.version + 1 },
      { campaignId: 'c1', at: '2019-08-10T00:00:00+08:00', by: 'admin', action: 'test' },
    );
    await expect(computeResults('c1', 'admin', world.resultsDeps)).rejects.toMatchObject({ code: 'VOIDS_PENDING' });
    const pending = (await world.campaigns.get('c1'))!;
    await world.campaigns.update(
      { ...pending, ledgerVersion: 4, voidsPending: 0, version: pending.version + 1 },
      { campaignId: 'c1', at: '2019-08-10T00:00:00+08:00', by: 'admin', action: 'test' },
    );
    expect((await computeResults('c1', 'admin', world.resultsDeps)).ledgerVersion).toBe(4);
  });

  it('writes a new version on each rerun, leaving earlier ones', async () => {
    await computeResults('c1', 'admin', world.resultsDeps);
    await computeResults('c1', 'admin', world.resultsDeps);
    expect(world.snapshots.map((s) => s.version)).toEqual([1, 2]);
    expect(world.objects.has('results/c1/v1/results.json')).toBe(true);
    expect(world.objects.has('results/c1/v2/results.json')).toBe(true);
  });

  it('hides results from the public before announcement', async () => {
    await computeResults('c1', 'admin', world.resultsDeps);
    await expect(viewResults('c1', undefined, world.resultsDeps)).rejects.toMatchObject({ status: 404 });
    await world.setStage('announcement');
    const view = await viewResults('c1', undefined, world.resultsDeps);
    expect(view.categories.window[0]).toMatchObject({
      nominationId: 'w1',
      total: 92,
      awarded: true,
      districtName: '市直',
    });
    expect(view).not.toHaveProperty('recount');
    expect(view.method).toContain('专家评分得分');
    expect(view.methodEn).toContain('Expert part');
  });
});

describe('one computation at a time per campaign', () => {
  /** The deps with every results.json written counted. */
  const counting = (deps: ResultsDeps) => {
    const written: string[] = [];
    const put: ResultsDeps['files']['put'] = (key, body, type) => {
      written.push(key);
      return deps.files.put(key, body, type);
    };
    return { written, deps: { ...deps, files: { ...deps.files, put } } };
  };

  it('lets one of two concurrent computes write the version; the other is refused with RESULTS_BUSY before writing a file', async () => {
    const world = await scenario();
    const { written, deps } = counting(world.resultsDeps);
    const [first, second] = await Promise.allSettled([
      computeResults('c1', 'admin', deps),
      computeResults('c1', 'admin', deps),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { version: 1 } });
    expect(second).toMatchObject({ status: 'rejected', reason: { status: 409, code: 'RESULTS_BUSY' } });
    expect(world.snapshots.map((s) => s.version)).toEqual([1]);
    expect(written.filter((key) => key.endsWith('results.json'))).toEqual(['results/c1/v1/results.json']);
    expect(world.claims.held).toBeUndefined();
  });

  it('makes the clock tick skip quietly while an admin compute holds the claim', async () => {
    const world = await scenario();
    const [computed, tick] = await Promise.all([
      computeResults('c1', 'admin', world.resultsDeps),
      computeDueResults(world.resultsDeps),
    ]);
    expect(computed.version).toBe(1);
    expect(tick).toEqual([{ id: 'c1', computed: false, why: expect.any(String) }]);
    expect(world.snapshots).toHaveLength(1);
  });

  it('lets a later run take over the claim of a crashed one once its lease has run out', async () => {
    const world = await scenario();
    const crashedAt = Date.parse('2019-08-10T10:00:00+08:00');
    await world.resultsDeps.results.claim('c1', {
      version: 1,
      by: 'schedule',
      at: new Date(crashedAt).toISOString(),
      leaseUntil: crashedAt + RESULTS_CLAIM_LEASE_MS,
    });
    const at = (ms: number) => ({ ...world.resultsDeps, now: () => new Date(crashedAt + ms) });
    await expect(computeResults('c1', 'admin', at(RESULTS_CLAIM_LEASE_MS - 60_000))).rejects.toMatchObject({
      code: 'RESULTS_BUSY',
    });
    expect((await computeResults('c1', 'admin', at(RESULTS_CLAIM_LEASE_MS + 1000))).version).toBe(1);
  });

  it('releases the claim when a computation fails, so the next one need not wait for the lease', async () => {
    const world = await scenario();
    const failing = {
      ...world.resultsDeps,
      files: { ...world.resultsDeps.files, put: async () => Promise.reject(new Error('S3 is down')) },
    };
    await expect(computeResults('c1', 'admin', failing)).rejects.toThrow('S3 is down');
    expect(world.claims.held).toBeUndefined();
    expect((await computeResults('c1', 'admin', world.resultsDeps)).version).toBe(1);
  });
});

describe('proof of inclusion', () => {
  it('gives no proof while the results are not public (a proof would tell the volume of votes)', async () => {
    const world = await scenario();
    await computeResults('c1', 'admin', world.resultsDeps);
    const proofFor = createProofFinder({ ...world.resultsDeps, counted: world.resultsDeps.votes.counted });
    expect(await proofFor({ campaignId: 'c1', ...world.votes[3]! })).toBeUndefined();
  });

  it('folds from a counted vote to its category root and on to the published root', async () => {
    const world = await scenario();
    await computeResults('c1', 'admin', world.resultsDeps);
    await world.setStage('announcement');
    const proofFor = createProofFinder({ ...world.resultsDeps, counted: world.resultsDeps.votes.counted });
    const vote = world.votes[3]!;
    const proof = (await proofFor({ campaignId: 'c1', ...vote }))!;
    expect(proof.records).toContain(voteRecord(vote));
    expect(applyProof(leafHash(proof.records), proof.path)).toBe(proof.categoryRoot);
    expect(applyProof(Buffer.from(proof.categoryRoot, 'hex'), proof.rootPath)).toBe(proof.root);
    expect(proof.root).toBe(resultsDocumentSchema.parse(JSON.parse(published(world).results)).tally.root);
    // A vote not in the ledger (voided since, or made up) has no proof, nor has the leaf it would change.
    expect(await proofFor({ campaignId: 'c1', ...vote, candidateId: 'w9' })).toBeUndefined();
    world.votes.splice(world.votes.indexOf(vote), 1);
    expect(await proofFor({ campaignId: 'c1', ...vote })).toBeUndefined();
  });

  it("proves a vote that shares its leaf with its bucket's other votes of its category", async () => {
    const world = await scenario();
    const shared: CountedVote[] = [
      { receiptId: `1234${'a'.repeat(36)}-0`, candidateId: 'w1', category: 'window', day: '2019-07-28' },
      { receiptId: `1234${'a'.repeat(36)}-1`, candidateId: 's1', category: 'star', day: '2019-07-28' },
      { receiptId: `1234${'b'.repeat(36)}-0`, candidateId: 'w2', category: 'window', day: '2019-07-29' },
    ];
    world.votes.push(...shared);
    world.votes.sort((a, b) => (a.receiptId < b.receiptId ? -1 : 1));
    for (const v of shared) world.live.set(v.candidateId, (world.live.get(v.candidateId) ?? 0) + 1);
    await computeResults('c1', 'admin', world.resultsDeps);
    await world.setStage('announcement');
    const proofFor = createProofFinder({ ...world.resultsDeps, counted: world.resultsDeps.votes.counted });
    const proof = (await proofFor({ campaignId: 'c1', ...shared[2]! }))!;
    expect(proof.records).toEqual([voteRecord(shared[0]!), voteRecord(shared[2]!)]);
    expect(applyProof(leafHash(proof.records), proof.path)).toBe(proof.categoryRoot);
    expect(applyProof(Buffer.from(proof.categoryRoot, 'hex'), proof.rootPath)).toBe(proof.root);
    const star = (await proofFor({ campaignId: 'c1', ...shared[1]! }))!;
    expect(star.records).toEqual([voteRecord(shared[1]!)]);
    expect(applyProof(leafHash(star.records), star.path)).toBe(star.categoryRoot);
  });
});

describe('verify-tally', () => {
  it('confirms an untouched publication', async () => {
    const world = await scenario();
    await computeResults('c1', 'admin', world.resultsDeps);
    const { results, votes } = published(world);
    const report = await verifyTally(results, [votes]);
    expect(report.mismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('names a tampered total, a tampered judge total and a removed vote', async () => {
    const world = await scenario();
    await computeResults('c1', 'admin', world.resultsDeps);
    const { results, votes } = published(world);
    const doc = JSON.parse(results);
    doc.categories.window.find((r: { nominationId: string }) => r.nominationId === 'w2').total = 60;
    const totalReport = await verifyTally(JSON.stringify(doc), [votes]);
    expect(totalReport.ok).toBe(false);
    expect(totalReport.mismatches).toEqual(['window w2 (候选 w2) total: published 60, recomputed 58']);

    const judged = JSON.parse(results);
    judged.categories.window.find((r: { nominationId: string }) => r.nominationId === 'w3').judgeTotals = [50, 50, 95];
    const judgedReport = await verifyTally(JSON.stringify(judged), [votes]);
    expect(judgedReport.mismatches).toContain('window w3 (候选 w3) expertPart: published 20, recomputed 26');

    const fewer = votes.toString('utf8').split('\n').slice(1).join('\n');
    const votesReport = await verifyTally(results, [Buffer.from(fewer)]);
    expect(votesReport.mismatches).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^votes list SHA-256/),
        'total votes: published 37, recomputed 36',
        expect.stringMatching(/^window root/),
        expect.stringMatching(/^root of the whole vote/),
      ]),
    );
  });

  it('names a votes list out of receipt order and a line whose receipt id is not one', async () => {
    const world = await scenario();
    await computeResults('c1', 'admin', world.resultsDeps);
    const { results, votes } = published(world);
    const lines = votes.toString('utf8').trimEnd().split('\n');
    const swapped = [lines[1], lines[0], ...lines.slice(2)].join('\n');
    const swappedReport = await verifyTally(results, [Buffer.from(swapped)]);
    expect(swappedReport.mismatches).toContainEqual(
      expect.stringMatching(
        /^votes list line 2: Votes out of receipt order: .* \(the list must be in receipt order\)$/,
      ),
    );
    const bad = [lines[0]!.replace(/"receiptId":"[0-9a-f]{4}/, '"receiptId":"zzzz'), ...lines.slice(1)].join('\n');
    expect((await verifyTally(results, [Buffer.from(bad)])).mismatches).toContain(
      'votes list line 1: not a counted vote',
    );
  });

  it('runs as `npm run verify-tally` from the repository, taking relative paths from where npm was run: 0 on the published files, 1 naming a tampered figure, 2 naming a missing file', async () => {
    const world = await scenario();
    await computeResults('c1', 'admin', world.resultsDeps);
    const { results, votes, overrides } = published(world);
    const dir = mkdtempSync(join(tmpdir(), 'verify-tally-'));
    writeFileSync(join(dir, 'results.json'), results);
    writeFileSync(join(dir, 'votes.jsonl'), votes);
    writeFileSync(join(dir, 'overrides.json'), overrides);
    type Failed = { code: number; stdout: string; stderr: string };

    // npm run from the download folder, the repository named by --prefix: npm runs the script in the repository,
    // INIT_CWD is the folder.
    const npm = (...files: string[]) =>
      run('npm', ['--prefix', repository, 'run', 'verify-tally', '--', ...files], { cwd: dir });
    const ok = await npm('results.json', 'votes.jsonl', 'overrides.json');
    expect(ok.stdout).toContain('MATCH: every published figure');
    expect(ok.stdout).toMatch(/awarded +window +city +w1 +候选 w1/);

    // As `npm run` from the repository itself does: the script's cwd is the repository, INIT_CWD where the user ran
    // npm.
    const doc = JSON.parse(results);
    doc.categories.window[0].votes = 11;
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(doc));
    const failed = await run('node', ['--import', 'tsx', 'scripts/verify-tally.ts', 'tampered.json', 'votes.jsonl'], {
      cwd: repository,
      env: { ...process.env, INIT_CWD: dir },
    }).catch((error: Failed) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect(failed.stdout).toContain('window w1 (候选 w1) votes: published 11, recomputed 10');

    const missing = (await npm('results.json', 'nowhere.jsonl').catch((error: Failed) => error)) as Failed;
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `verify-tally: no file at ${join(dir, 'nowhere.jsonl')} (relative paths are taken from ${dir})`,
    );
    const noResults = (await npm(join(dir, 'gone', 'results.json')).catch((error: Failed) => error)) as Failed;
    expect(noResults.code).toBe(2);
    expect(noResults.stderr).toContain(`verify-tally: no file at ${join(dir, 'gone', 'results.json')}`);
  }, 60_000);
});

describe('announcement and award', () => {
  it('records overrides within quotas, refuses the disqualified, and prints winners only once awarded', async () => {
    const world = await scenario();
    await computeResults('c1', 'admin', world.resultsDeps);
    await world.setStage('announcement');
    const override = (nominationId: string, awarded: boolean) =>
      recordOverride('c1', { nominationId, awarded, reason: '复核' }, admin, world.resultsDeps);
    await expect(override('w3', true)).rejects.toMatchObject({ code: 'AWARD_QUOTA_EXCEEDED' });
    await expect(override('dq', true)).rejects.toBeInstanceOf(RuleViolationError);
    await override('w4', false);
    await override('w3', true);
    const view = await viewResults('c1', undefined, world.resultsDeps);
    const w3 = view.categories.window.find((r) => r.nominationId === 'w3')!;
    expect(w3).toMatchObject({ awardedByRanking: false, awarded: true, override: { reason: '复核', by: 'admin' } });
    expect(view.overrides).toHaveLength(2);

    expect(sha256(published(world).overrides)).not.toBe(view.overridesFile.sha256); // not republished yet
    expect((await publishedFileLinks('c1', undefined, world.resultsDeps)).overrides.current).toBe(false); // reading writes nothing
    expect(sha256(published(world).overrides)).not.toBe(view.overridesFile.sha256);
    expect(await publishOverridesFiles(world.resultsDeps)).toEqual(['c1']); // the clock tick republishes it
    expect(sha256(published(world).overrides)).toBe(view.overridesFile.sha256);
    expect(await publishOverridesFiles(world.resultsDeps)).toEqual([]);

    await expect(certificateFor('c1', 'w1', admin, world.resultsDeps)).rejects.toMatchObject({ code: 'WRONG_STAGE' });
    await world.setStage('awarded');
    await expect(override('w4', true)).rejects.toMatchObject({ code: 'WRONG_STAGE' });
    const html = await certificateFor('c1', 'w1', admin, world.resultsDeps);
    expect(html).toContain('2019年度荆门市优质服务窗口');
    expect(html).toContain('并授予荆门市“工人先锋号”称号');
    expect(html).toContain('候选 w1');
    const star = await certificateFor('c1', 's1', admin, world.resultsDeps);
    expect(star).toContain('荆门市窗口行业优质服务明星');
    expect(star).toContain('荆门五一劳动奖章');
    await expect(certificateFor('c1', 'w4', admin, world.resultsDeps)).rejects.toMatchObject({ code: 'NOT_A_WINNER' });
  });
});

describe('published overrides', () => {
  /**
   * Results computed, announced, w4's award withdrawn and given to w3 (zhanghe, 1 place), s1 disqualified since; the
   * files as the links serve them.
   */
  const overridden = async () => {
    const world = await scenario();
    await computeResults('c1', 'admin', world.resultsDeps);
    await world.setStage('announcement');
    const untouched = published(world).overrides;
    await recordOverride(
      'c1',
      { nominationId: 'w4', awarded: false, reason: '公示期间收到实名反映' },
      admin,
      world.resultsDeps,
    );
    await recordOverride('c1', { nominationId: 'w3', awarded: true, reason: '递补' }, admin, world.resultsDeps);
    world.candidates.find((c) => c.nominationId === 's1')!.disqualified = true;
    await publishOverridesFiles(world.resultsDeps);
    const links = await publishedFileLinks('c1', undefined, world.resultsDeps);
    return { world, links, untouched, ...published(world) };
  };

  it('publishes each override beside results.json, referenced by SHA-256 in GET /results, and the links name all three files', async () => {
    const { world, links, results, untouched, overrides } = await overridden();
    expect(JSON.parse(untouched)).toMatchObject({ overrides: [], disqualifiedSince: [] });
    const list = overridesDocumentSchema.parse(JSON.parse(overrides));
    expect(list).toMatchObject({
      campaignId: 'c1',
      resultsVersion: 1,
      resultsSha256: sha256(results),
      disqualifiedSince: ['s1'],
    });
    expect(list.overrides).toEqual([
      { nominationId: 'w4', awarded: false, reason: '公示期间收到实名反映', by: 'admin', at: expect.any(String) },
      { nominationId: 'w3', awarded: true, reason: '递补', by: 'admin', at: expect.any(String) },
    ]);
    const view = await viewResults('c1', undefined, world.resultsDeps);
    expect(view.overridesFile).toEqual({ name: 'overrides.json', sha256: sha256(overrides) });
    expect(links).toMatchObject({
      results: { name: 'results.json', sha256: sha256(results) },
      votes: { name: 'votes.jsonl' },
      overrides: {
        url: 'memory://results/c1/v1/overrides.json',
        name: 'overrides.json',
        sha256: sha256(overrides),
        count: 2,
        current: true,
      },
    });
    expect(links.verify).toContain(
      'npm run verify-tally -- ~/Downloads/results.json ~/Downloads/votes.jsonl ~/Downloads/overrides.json',
    );
    expect(links.verify).toContain('from a clone of the project repository');
    // The ranking's award is what results.json says, named so it cannot be read as the final one.
    expect(
      resultsDocumentSchema.parse(JSON.parse(results)).categories.window.find((r) => r.nominationId === 'w4'),
    ).toMatchObject({ awardedByRanking: true });
    expect(view.methodEn).toContain('overrides.json');
  });

  it('verifies the ranking and lists the final awards with the overrides applied, matching GET /results', async () => {
    const { world, results, votes, overrides } = await overridden();
    const report = await verifyTally(results, [votes], overrides);
    expect(report.mismatches).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checked).toContain(
      '2 override(s) and 1 later disqualification(s) applied: candidates, disqualifications and district award quotas checked',
    );
    const view = await viewResults('c1', undefined, world.resultsDeps);
    const finalFromView = Object.values(view.categories)
      .flat()
      .filter((r) => r.awarded)
      .map((r) => r.nominationId)
      .sort();
    expect(
      report.awards
        .filter((a) => a.awarded)
        .map((a) => a.nominationId)
        .sort(),
    ).toEqual(finalFromView);
    expect(finalFromView).toEqual(['w1', 'w2', 'w3']);
    expect(report.awards.find((a) => a.nominationId === 'w4')).toMatchObject({
      awardedByRanking: true,
      awarded: false,
      override: { reason: '公示期间收到实名反映' },
    });
    expect(report.awards.find((a) => a.nominationId === 's1')).toMatchObject({
      awardedByRanking: true,
      awarded: false,
      disqualifiedSince: true,
    });

    const rankingOnly = await verifyTally(results, [votes]);
    expect(rankingOnly.ok).toBe(true);
    expect(
      rankingOnly.awards
        .filter((a) => a.awarded)
        .map((a) => a.nominationId)
        .sort(),
    ).toEqual(['s1', 'w1', 'w2', 'w4']);
  });

  it('names overrides that are not consistent with the results: another results file, an unknown candidate, a disqualified one awarded, a quota exceeded', async () => {
    const { results, votes, overrides } = await overridden();
    const list = JSON.parse(overrides);
    const add = (nominationId: string, awarded: boolean) => ({
      ...list,
      overrides: [
        ...list.overrides,
        { nominationId, awarded, reason: 'x', by: 'admin', at: '2019-08-20T00:00:00.000Z' },
      ],
    });
    const check = async (tampered: unknown) =>
      (await verifyTally(results, [votes], JSON.stringify(tampered))).mismatches;

    expect(await check({ ...list, resultsSha256: sha256('another') })).toEqual([
      `overrides results SHA-256: "${sha256('another')}", results.json has "${sha256(results)}"`,
    ]);
    expect(await check(add('nobody', true))).toEqual(['override of nobody, who is not in the results']);
    expect(await check(add('dq', true))).toEqual(['override awards window dq (候选 dq), who is disqualified']);
    expect(await check(add('w4', true))).toEqual([
      'window awards in zhanghe after the overrides: 2, over its award quota of 1',
    ]);
    expect(await check({ ...list, overrides: 'none' })).toEqual([
      expect.stringMatching(/^the overrides file is not an overrides document: overrides /),
    ]);
  });
});

describe('overrides racing for the last award place', () => {
  it('records one of two concurrent overrides into the same free place and refuses the other', async () => {
    const world = await scenario();
    await computeResults('c1', 'admin', world.resultsDeps);
    await world.setStage('announcement');
    // w4 gives up zhanghe's one window place; w3 and w4 (back) then race for it.
    await recordOverride('c1', { nominationId: 'w4', awarded: false, reason: '撤销' }, admin, world.resultsDeps);
    const outcomes = await Promise.allSettled(
      ['w3', 'w4'].map((nominationId) =>
        recordOverride('c1', { nominationId, awarded: true, reason: '递补' }, admin, world.resultsDeps),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'OVERRIDES_CHANGED' } });
    const view = await viewResults('c1', undefined, world.resultsDeps);
    expect(view.categories.window.filter((r) => r.district === 'zhanghe' && r.awarded)).toHaveLength(1);
  });
});
