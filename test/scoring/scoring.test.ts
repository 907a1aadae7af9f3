import { describe, expect, it } from 'vitest';
import {
  display,
  keptTotals,
  rankCandidates,
  type ScoringCandidate,
  type ScoringRules,
} from '../../shared/scoring/scoring';

const rules: ScoringRules = {
  weights: { votes: 60, experts: 40 },
  dropExtremesFrom: 5,
  awardQuotas: {
    city: { window: 2, star: 2 },
    dongbao: { window: 1, star: 1 },
    zhanghe: { window: 1, star: 1 },
  },
};

const candidate = (
  nominationId: string,
  votes: number,
  judgeTotals: number[],
  over: Partial<ScoringCandidate> = {},
): ScoringCandidate => ({
  nominationId,
  category: 'window',
  district: 'city',
  name: nominationId,
  disqualified: false,
  votes,
  judgeTotals,
  ...over,
});

const byId = (rows: ReturnType<typeof rankCandidates>['window']) =>
  Object.fromEntries(rows.map((r) => [r.nominationId, r]));

describe('expert part: dropping the extremes', () => {
  it('keeps all four totals with 4 judges (mean 75 → 30 of 40)', () => {
    expect(keptTotals([90, 60, 80, 70], 5)).toEqual([60, 70, 80, 90]);
    const [row] = rankCandidates([candidate('a', 0, [90, 60, 80, 70])], rules).window;
    expect(row!.expertPart).toBe(30);
  });

  it('drops one highest and one lowest with 5 judges (95 and 50 dropped; mean 230/3 → 30.67)', () => {
    expect(keptTotals([95, 80, 50, 80, 70], 5)).toEqual([70, 80, 80]);
    const [row] = rankCandidates([candidate('a', 0, [95, 80, 50, 80, 70])], rules).window;
    expect(row!.expertPart).toBeCloseTo((40 * 230) / 300, 12);
    expect(display(row!.expertPart)).toBe(30.67);
  });

  it('gives an expert part of 0 to a candidate nobody scored', () => {
    const [row] = rankCandidates([candidate('a', 10, [])], rules).window;
    expect(row).toMatchObject({ expertPart: 0, votePart: 60, total: 60 });
  });
});

describe('vote part and totals', () => {
  it('scales votes to the category leader: 200/100/50 votes → 60/30/15', () => {
    const rows = byId(
      rankCandidates([candidate('a', 200, [80]), candidate('b', 100, [80]), candidate('c', 50, [80])], rules).window,
    );
    expect([rows.a!.votePart, rows.b!.votePart, rows.c!.votePart]).toEqual([60, 30, 15]);
    expect([rows.a!.total, rows.b!.total, rows.c!.total]).toEqual([92, 62, 47]);
    expect([rows.a!.rank, rows.b!.rank, rows.c!.rank]).toEqual([1, 2, 3]);
  });

  it('ranks a category with no votes at all on the expert part alone (vote parts 0)', () => {
    const rows = byId(rankCandidates([candidate('a', 0, [70]), candidate('b', 0, [90])], rules).window);
    expect(rows.a).toMatchObject({ votePart: 0, expertPart: 28, total: 28, rank: 2 });
    expect(rows.b).toMatchObject({ votePart: 0, expertPart: 36, total: 36, rank: 1 });
  });

  it('ranks each category on its own', () => {
    const result = rankCandidates([candidate('w', 10, [50]), candidate('s', 1, [50], { category: 'star' })], rules);
    expect(result.window.map((r) => [r.nominationId, r.votePart])).toEqual([['w', 60]]);
    expect(result.star.map((r) => [r.nominationId, r.votePart])).toEqual([['s', 60]]);
  });
});

describe('ties', () => {
  it('breaks an equal total in favour of the higher expert part (62 = 30+32 = 60+2)', () => {
    const rows = byId(rankCandidates([candidate('votes', 100, [5]), candidate('experts', 50, [80])], rules).window);
    expect(rows.votes!.total).toBe(62);
    expect(rows.experts!.total).toBe(62);
    expect(rows.experts).toMatchObject({ rank: 1, tie: false });
    expect(rows.votes).toMatchObject({ rank: 2, tie: false });
  });

  it('decides on exact values where floating point would not: 60×1/9 + 40×0.61 = 60×4/9 + 40×0.11 exactly', () => {
    // Summed in floating point the second comes out larger (31.06666666666667 > 31.066666666666666);
    // exactly they are equal, so the higher expert part (24.4 against 4.4) ranks first.
    expect((60 * 4) / 9 + 40 * 0.11).toBeGreaterThan((60 * 1) / 9 + 40 * 0.61);
    const rows = byId(
      rankCandidates([candidate('lead', 9, []), candidate('a', 1, [61]), candidate('b', 4, [11])], rules).window,
    );
    expect(rows.b!.total).toBe(rows.a!.total);
    expect(rows.a).toMatchObject({ rank: 2, tie: false });
    expect(rows.b).toMatchObject({ rank: 3, tie: false });
  });

  it('shows equal total, expert part and votes as a tie with the same rank, and the next rank skips', () => {
    const rows = byId(
      rankCandidates(
        [candidate('a', 10, [80]), candidate('b', 10, [80]), candidate('c', 20, [90]), candidate('d', 1, [10])],
        rules,
      ).window,
    );
    expect(rows.c).toMatchObject({ rank: 1, tie: false });
    expect(rows.a).toMatchObject({ rank: 2, tie: true });
    expect(rows.b).toMatchObject({ rank: 2, tie: true });
    expect(rows.d).toMatchObject({ rank: 4, tie: false });
  });

  it("awards none of a tie that straddles a district's last award place, for an admin to settle", () => {
    const quota1 = { ...rules, awardQuotas: { city: { window: 1, star: 1 } } };
    const rows = byId(
      rankCandidates([candidate('a', 10, [80]), candidate('b', 10, [80]), candidate('c', 5, [80])], quota1).window,
    );
    expect(rows.a).toMatchObject({ awardedByRanking: false, tieAtQuota: true, tie: true });
    expect(rows.b).toMatchObject({ awardedByRanking: false, tieAtQuota: true, tie: true });
    expect(rows.c).toMatchObject({ awardedByRanking: false, tieAtQuota: false });
  });
});

describe('winners within district award quotas', () => {
  it('fills a district whose candidates rank low overall, and stops a strong district at its quota', () => {
    const rows = byId(
      rankCandidates(
        [
          candidate('city-1', 100, [95]),
          candidate('city-2', 90, [90]),
          candidate('city-3', 80, [85]),
          candidate('dongbao-1', 70, [80], { district: 'dongbao' }),
          candidate('zhanghe-1', 1, [20], { district: 'zhanghe' }),
          candidate('zhanghe-2', 0, [10], { district: 'zhanghe' }),
        ],
        rules,
      ).window,
    );
    expect(rows['city-3']!.rank).toBe(3);
    expect(rows['zhanghe-1']!.rank).toBe(5);
    const winners = Object.values(rows)
      .filter((r) => r.awardedByRanking)
      .map((r) => r.nominationId);
    expect(winners.sort()).toEqual(['city-1', 'city-2', 'dongbao-1', 'zhanghe-1']);
  });

  it('awards nobody in a district that has no award quota', () => {
    const rows = rankCandidates([candidate('x', 100, [100], { district: 'unknown' })], rules).window;
    expect(rows[0]).toMatchObject({ rank: 1, awardedByRanking: false });
  });
});

describe('disqualified candidates', () => {
  it('are listed without rank, never awarded, and their votes set no maximum', () => {
    const rows = rankCandidates(
      [candidate('out', 1000, [100], { disqualified: true }), candidate('a', 50, [80]), candidate('b', 25, [80])],
      rules,
    ).window;
    const byIdRows = byId(rows);
    expect(byIdRows.out).toMatchObject({ rank: null, awardedByRanking: false, total: 0 });
    expect(byIdRows.a).toMatchObject({ rank: 1, votePart: 60, awardedByRanking: true });
    expect(byIdRows.b).toMatchObject({ rank: 2, votePart: 30, awardedByRanking: true });
    expect(rows.at(-1)!.nominationId).toBe('out');
  });
});
