import { describe, expect, it } from 'vitest';
import { planTransition } from '../../shared/campaigns/stages';
import { candidateFromNomination } from '../../shared/judging/candidates';
import {
  addJudge,
  closeJudging,
  declareConflicts,
  judgingProgress,
  missingScoresContributor,
  saveScore,
  scoresheet,
} from '../../shared/judging/judging';
import type { Nomination } from '../../shared/nominations/nomination';
import { admin, candidate, createWorld, judgeActor, judgeRecord } from '../results/fakes';

const setup = (stage: Parameters<typeof createWorld>[0] = 'voting') => {
  const world = createWorld(stage);
  world.candidates.push(
    candidate('a'),
    candidate('b', { unit: 'unit-of-j1' }), // j1's own unit
    candidate('c', { department: 'dept-j2' }), // under j2's department
    candidate('d', { category: 'star' }),
    candidate('x', { disqualified: true }),
  );
  world.judges.push(judgeRecord('j1'), judgeRecord('j2', { department: 'dept-j2' }));
  return world;
};

/** The scoresheet's deps, with case files naming the candidate they were read for. */
const sheetDeps = (world: ReturnType<typeof setup>) => ({
  ...world.judgingDeps,
  caseFiles: async (c: { nominationId: string }) => ({
    photos: [],
    documents: [],
    activityReports: [
      { reportId: `report-of-${c.nominationId}`, title: '岗位练兵', date: '2019-05-01', text: '...', photos: [] },
    ],
  }),
});

describe('judges and conflicts', () => {
  it('lets an admin add a judge before scoring, once per username', async () => {
    const world = setup('publicity');
    await addJudge(
      'c1',
      { username: 'j3', name: '评审专家 张', district: 'duodao', unit: 'trade-union' },
      admin,
      world.judgingDeps,
    );
    expect(world.judges.map((j) => j.username)).toContain('j3');
    await expect(
      addJudge('c1', { username: 'j3', name: 'x', district: 'duodao', unit: 'u' }, admin, world.judgingDeps),
    ).rejects.toMatchObject({ code: 'JUDGE_EXISTS' });
    await world.setStage('scoring');
    await expect(
      addJudge('c1', { username: 'j4', name: 'x', district: 'duodao', unit: 'u' }, admin, world.judgingDeps),
    ).rejects.toMatchObject({ code: 'JUDGING_CLOSED' });
  });

  it("keeps a judge off their own unit's and their department's candidates, and off declared ones", async () => {
    const world = setup();
    await declareConflicts(
      'c1',
      { nominationIds: ['a'], reason: '曾在该单位任职' },
      judgeActor('j2'),
      world.judgingDeps,
    );
    const j1 = await scoresheet('c1', judgeActor('j1'), sheetDeps(world));
    expect(j1.candidates.map((c) => c.nominationId)).toEqual(['a', 'c', 'd']);
    expect(j1.conflicts).toEqual([{ nominationId: 'b', name: '候选 b', reason: 'own-unit' }]);
    const j2 = await scoresheet('c1', judgeActor('j2'), sheetDeps(world));
    expect(j2.candidates.map((c) => c.nominationId)).toEqual(['b', 'd']);
    expect(j2.conflicts.map((c) => c.reason)).toEqual(['declared', 'own-department']);
    await expect(
      saveScore('c1', 'b', { criteria: [20, 20, 20, 20, 20] }, judgeActor('j1'), world.judgingDeps),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      saveScore('c1', 'a', { criteria: [20, 20, 20, 20, 20] }, judgeActor('j2'), world.judgingDeps),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('refuses conflicts on ids that are not candidates, and callers who are not judges of the campaign', async () => {
    const world = setup();
    await expect(
      declareConflicts('c1', { nominationIds: ['nope'], reason: 'r' }, judgeActor('j1'), world.judgingDeps),
    ).rejects.toMatchObject({ status: 404 });
    await expect(scoresheet('c1', judgeActor('stranger'), sheetDeps(world))).rejects.toMatchObject({ status: 403 });
  });
});

describe('scores', () => {
  it('takes one integer 0..max per criterion, and counts revisions', async () => {
    const world = setup();
    await expect(
      saveScore('c1', 'a', { criteria: [20, 20, 20, 20] }, judgeActor('j1'), world.judgingDeps),
    ).rejects.toMatchObject({ code: 'WRONG_CRITERIA_COUNT' });
    await expect(
      saveScore('c1', 'a', { criteria: [21, 0, 0, 0, -1] }, judgeActor('j1'), world.judgingDeps),
    ).rejects.toMatchObject({
      code: 'CRITERION_OUT_OF_RANGE',
      details: {
        outOfRange: [
          { key: 'attitude', max: 20, value: 21 },
          { key: 'efficiency', max: 20, value: -1 },
        ],
      },
    });
    const first = await saveScore(
      'c1',
      'a',
      { criteria: [18, 17, 16, 15, 14], comment: '服务规范' },
      judgeActor('j1'),
      world.judgingDeps,
    );
    expect(first).toMatchObject({ total: 80, revision: 1 });
    const second = await saveScore('c1', 'a', { criteria: [20, 17, 16, 15, 14] }, judgeActor('j1'), world.judgingDeps);
    expect(second).toMatchObject({ total: 82, revision: 2 });
    await expect(
      saveScore('c1', 'x', { criteria: [1, 1, 1, 1, 1] }, judgeActor('j1'), world.judgingDeps),
    ).rejects.toMatchObject({ code: 'CANDIDATE_DISQUALIFIED' });
  });

  it("gives each candidate on the scoresheet the department's opinion and its own case files", async () => {
    const world = setup();
    world.candidates.push(candidate('e', { opinion: '同意推荐' }));
    const sheet = await scoresheet('c1', judgeActor('j1'), sheetDeps(world));
    const e = sheet.candidates.find((c) => c.nominationId === 'e')!;
    expect(e.opinion).toBe('同意推荐');
    expect(e.activityReports).toEqual([expect.objectContaining({ reportId: 'report-of-e' })]);
    expect(sheet.candidates.find((c) => c.nominationId === 'a')!.opinion).toBeNull();
  });

  it('shows a judge only their own scores', async () => {
    const world = setup();
    await saveScore('c1', 'd', { criteria: [10, 10, 10, 10, 10] }, judgeActor('j1'), world.judgingDeps);
    await saveScore('c1', 'd', { criteria: [20, 20, 20, 20, 20] }, judgeActor('j2'), world.judgingDeps);
    const sheet = await scoresheet('c1', judgeActor('j2'), sheetDeps(world));
    expect(sheet.candidates.find((c) => c.nominationId === 'd')!.score).toMatchObject({ total: 100 });
    expect(JSON.stringify(sheet)).not.toContain('"total":50');
  });

  it('accepts scores only in the judging stages and until judging is closed', async () => {
    const world = setup('review');
    await expect(
      saveScore('c1', 'a', { criteria: [1, 1, 1, 1, 1] }, judgeActor('j1'), world.judgingDeps),
    ).rejects.toMatchObject({ code: 'WRONG_STAGE' });
    await world.setStage('voting');
    await saveScore('c1', 'a', { criteria: [1, 1, 1, 1, 1] }, judgeActor('j1'), world.judgingDeps);
    await closeJudging('c1', '专家因病无法完成评审', admin, world.judgingDeps);
    expect(world.audit.at(-1)).toMatchObject({
      action: 'judging.closed',
      reason: '专家因病无法完成评审',
      details: { missingScores: 5 },
    });
    await expect(
      saveScore('c1', 'a', { criteria: [2, 2, 2, 2, 2] }, judgeActor('j1'), world.judgingDeps),
    ).rejects.toMatchObject({ code: 'JUDGING_CLOSED' });
    await expect(closeJudging('c1', 'again', admin, world.judgingDeps)).rejects.toMatchObject({
      code: 'JUDGING_CLOSED',
    });
  });
});

describe('scores after the vote (七(三))', () => {
  it('takes scores in scoring, after voting has closed, until judging is closed or the results are announced', async () => {
    const world = setup('scoring');
    const first = await saveScore('c1', 'a', { criteria: [1, 1, 1, 1, 1] }, judgeActor('j1'), world.judgingDeps);
    expect(first).toMatchObject({ total: 5, revision: 1 });
    const revised = await saveScore('c1', 'a', { criteria: [2, 2, 2, 2, 2] }, judgeActor('j1'), world.judgingDeps);
    expect(revised).toMatchObject({ total: 10, revision: 2 });
    await closeJudging('c1', '评审截止', admin, world.judgingDeps);
    await expect(
      saveScore('c1', 'd', { criteria: [3, 3, 3, 3, 3] }, judgeActor('j1'), world.judgingDeps),
    ).rejects.toMatchObject({ code: 'JUDGING_CLOSED' });

    const later = setup('announcement');
    await expect(
      saveScore('c1', 'a', { criteria: [1, 1, 1, 1, 1] }, judgeActor('j1'), later.judgingDeps),
    ).rejects.toMatchObject({ code: 'WRONG_STAGE', details: { allowed: ['publicity', 'voting', 'scoring'] } });
  });
});

describe('what is missing', () => {
  it('lists missing scores per judge and per candidate, conflicts and the disqualified excluded', async () => {
    const world = setup();
    const score = await saveScore('c1', 'a', { criteria: [1, 1, 1, 1, 1] }, judgeActor('j1'), world.judgingDeps);
    const progress = await judgingProgress('c1', admin, world.judgingDeps);
    expect(progress.missingScores).toBe(5);
    expect(progress.judges.map((j) => [j.username, j.toScore, j.scored, j.missing])).toEqual([
      ['j1', 3, 1, ['c', 'd']],
      ['j2', 3, 0, ['a', 'b', 'd']],
    ]);
    expect(progress.candidates.find((c) => c.nominationId === 'd')).toMatchObject({
      judges: 2,
      scored: 0,
      missing: ['j1', 'j2'],
    });
    expect(await missingScoresContributor(world.judgingDeps)((await world.campaigns.get('c1'))!)).toEqual({
      missingScores: 5,
      lastScoredAt: score.at,
    });
  });

  it('blocks the move to announcement on missing scores until an admin closes judging', async () => {
    const world = setup();
    const facts = {
      forwarded: 5,
      awaitingReview: 0,
      candidates: 4,
      openObjections: 0,
      votesInFlight: 0,
      votesDeadLettered: 0,
      latestResults: { version: 1, ledgerVersion: 0, computedAt: '2019-08-12T00:00:00Z' },
    };
    const missing = await missingScoresContributor(world.judgingDeps)((await world.campaigns.get('c1'))!);
    await world.setStage('scoring');
    const blocked = planTransition((await world.campaigns.get('c1'))!, 'announcement', {
      ...facts,
      missingScores: 0,
      ...missing,
    })!;
    expect(blocked.preconditions.find((p) => p.key === 'judging-complete')).toMatchObject({
      passed: false,
      detail: '缺少 6 项评分',
      detailEn: '6 score(s) missing',
    });
    await closeJudging('c1', '评审截止', admin, world.judgingDeps);
    const allowed = planTransition((await world.campaigns.get('c1'))!, 'announcement', {
      ...facts,
      missingScores: 0,
      ...missing,
    })!;
    expect(allowed.allowed).toBe(true);
  });
});

describe('what judges may read of a candidate', () => {
  it('leaves out personal data and contact numbers', () => {
    const nomination = {
      id: 'c1.n1',
      campaignId: 'c1',
      category: 'star',
      district: 'city',
      department: 'd',
      unit: 'u',
      owner: 'applicant-city',
      sector: '银行',
      form: {
        name: '李明',
        mobile: '13800000000',
        birthMonth: '1990-01',
        nativePlace: '荆门',
        workUnit: '某银行',
        smileDeclaration: '微笑',
        education: '大学本科',
      },
      status: 'approved',
      history: [],
      createdAt: '',
      updatedAt: '',
      version: 1,
    } as Nomination;
    const c = candidateFromNomination(nomination);
    expect(c.name).toBe('李明');
    expect(c.materials.map((m) => m.key)).toEqual(['name', 'workUnit', 'smileDeclaration']);
    expect(JSON.stringify(c)).not.toContain('13800000000');
  });
});
