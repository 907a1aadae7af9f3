/**
 * Results that cannot be stale, through the API against the local system: a vote voided after
 * the results were computed holds the move to announcement (precondition `results-ready` names
 * why) until the results are computed again; then the move passes and the results show the void.
 * Votes cannot be voided once the results are announced.
 */
import { describe, expect, it } from 'vitest';
import { campaignOnNotice } from '../candidates/support';
import { moveTo } from '../nominations/support';
import { api, login } from '../support/api';
import { computeThroughApi, until, voterToken } from './support';

describe('results that cover every change of the vote ledger', () => {
  it('refuses announcement after a void until recomputed, then shows the void', { timeout: 180_000 }, async () => {
    const { cid, seeded } = await campaignOnNotice([
      { name: '时效窗口甲', category: 'window', district: 'city', sector: '政务服务中心' },
      { name: '时效窗口乙', category: 'window', district: 'city', sector: '银行' },
    ]);
    const [a, b] = seeded as [(typeof seeded)[0], (typeof seeded)[0]];
    const admin = await login('admin');
    await moveTo(cid, 'voting');
    const cast: Array<{ receiptId: string; candidateId: string }> = [];
    for (const candidateIds of [[a.id, b.id], [a.id], [a.id]]) {
      const sent = await api('POST', `/campaigns/${cid}/votes`, { token: await voterToken(), body: { candidateIds } });
      expect(sent.status, JSON.stringify(sent.body)).toBe(202);
      cast.push(...sent.body.receipts);
    }
    const receipts = cast.map((r) => r.receiptId);
    for (const r of receipts)
      await until(`receipt ${r} counted`, async () =>
        (await api('GET', `/receipts/${r}`)).body.status === 'counted' ? true : undefined,
      );
    await moveTo(cid, 'scoring');
    const version = await computeThroughApi(cid, admin);
    const votesOf = async (id: string) =>
      (await api('GET', `/campaigns/${cid}/results`, { token: admin })).body.categories.window.find(
        (r: { nominationId: string }) => r.nominationId === id,
      ).votes;
    expect(await votesOf(a.id)).toBe(3);

    // A vote for a is voided after the computation: the results no longer cover the ledger.
    const voidOf = cast.find((r) => r.candidateId === a.id)!.receiptId;
    const voided = await api('POST', `/campaigns/${cid}/vote-voids`, {
      token: admin,
      body: { receiptIds: [voidOf], reason: '核实为刷票' },
    });
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);
    const refused = await api('POST', `/campaigns/${cid}/transitions`, {
      token: admin,
      body: { to: 'announcement' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('PRECONDITION_FAILED');
    expect(refused.body.error.details.failed).toEqual([
      expect.objectContaining({
        key: 'results-ready',
        passed: false,
        detail: expect.stringContaining('请重新计算结果'),
        detailEn: expect.stringContaining('compute the results again'),
      }),
    ]);
    const dryRun = await api('GET', `/campaigns/${cid}/transitions`, { token: admin });
    expect(dryRun.body.next[0].allowed).toBe(false);

    // Recomputed: the move passes, and the results show the void.
    expect(await computeThroughApi(cid, admin)).toBe(version + 1);
    await moveTo(cid, 'announcement');
    const results = await api('GET', `/campaigns/${cid}/results`);
    expect(results.body.version).toBe(version + 1);
    expect(results.body.tally).toMatchObject({ total: 3, voided: 1 });
    expect(await votesOf(a.id)).toBe(2);

    // Announced: no more voids (they would change published results).
    const late = await api('POST', `/campaigns/${cid}/vote-voids`, {
      token: admin,
      body: { receiptIds: receipts.filter((r) => r !== voidOf).slice(0, 1), reason: '迟到的作废' },
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('WRONG_STAGE');
  });
});
