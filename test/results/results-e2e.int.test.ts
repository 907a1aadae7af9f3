/**
 * End to end through the local API, from public notice to the certificate: judges added, scoring
 * (one declared conflict, automatic own-unit conflicts), voting with real voter sessions, close,
 * results computed by the schedule worker, published files verified, a receipt's proof, an
 * override, exports, award and the certificate. Prior stages are seeded with the nominations
 * repository (test/candidates/support.ts).
 */
import { describe, expect, it } from 'vitest';
import { applyProof, leafHash, voteRecord } from '../../shared/scoring/merkle';
import { verifyTally } from '../../shared/results/verify';
import { sha256 } from '../../shared/results/document';
import { campaignOnNotice, PERSONAL } from '../candidates/support';
import { moveTo } from '../nominations/support';
import { api, local, login } from '../support/api';
import { computeThroughApi, until, voterToken } from './support';

describe('from public notice to the certificate, through the API', () => {
  it('judges, votes, closes, computes, verifies, overrides, awards and prints', async () => {
    const { cid, seeded } = await campaignOnNotice([
      { name: '市政务服务中心窗口', category: 'window', district: 'city', sector: '政务服务中心' },
      { name: '东宝区人民医院窗口', category: 'window', district: 'dongbao', sector: '医院' },
      { name: '漳河供水窗口甲', category: 'window', district: 'zhanghe', sector: '供水' },
      { name: '漳河供水窗口乙', category: 'window', district: 'zhanghe', sector: '供水' },
      { name: '掇刀明星', category: 'star', district: 'duodao', sector: '集贸市场' },
    ]);
    const [city, dongbao, zhangheA, zhangheB, star] = seeded as [
      (typeof seeded)[0],
      (typeof seeded)[0],
      (typeof seeded)[0],
      (typeof seeded)[0],
      (typeof seeded)[0],
    ];
    const admin = await login('admin');
    const judges = ['judge-1', 'judge-2', 'judge-3'];

    for (const [i, username] of judges.entries()) {
      const unit = ['city-service-center', 'city-consumer-council', 'city-trade-union'][i]!;
      const added = await api('POST', `/campaigns/${cid}/judges`, {
        token: admin,
        body: {
          username,
          name: `评审专家 ${i + 1}`,
          district: 'city',
          unit,
          ...(i === 0 ? { department: 'city-gov-services' } : {}),
        },
      });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
    }
    const j2 = await login('judge-2');
    expect(
      (
        await api('POST', `/campaigns/${cid}/conflicts`, {
          token: j2,
          body: { nominationIds: [dongbao.id], reason: '本人曾在该院工作' },
        })
      ).status,
    ).toBe(201);

    // Each judge scores what their scoresheet offers; judge-1 is kept off the city window (own unit).
    const base: Record<string, number> = {
      [city.id]: 18,
      [dongbao.id]: 16,
      [zhangheA.id]: 12,
      [zhangheB.id]: 14,
      [star.id]: 15,
    };
    for (const [i, username] of judges.entries()) {
      const token = await login(username);
      const sheet = await api('GET', `/campaigns/${cid}/scoresheet`, { token });
      expect(sheet.status).toBe(200);
      expect(JSON.stringify(sheet.body)).not.toContain(PERSONAL.mobile);
      expect(JSON.stringify(sheet.body)).not.toContain(PERSONAL.unitPhone);
      for (const c of sheet.body.candidates) {
        const v = base[c.nominationId]! + i;
        const put = await api('PUT', `/campaigns/${cid}/scores/${c.nominationId}`, {
          token,
          body: { criteria: [v, v, v, v, v - 1], comment: '材料翔实' },
        });
        expect(put.status, JSON.stringify(put.body)).toBe(200);
      }
    }
    const sheet1 = await api('GET', `/campaigns/${cid}/scoresheet`, { token: await login('judge-1') });
    expect(sheet1.body.conflicts).toEqual([{ nominationId: city.id, name: '市政务服务中心窗口', reason: 'own-unit' }]);
    const progress = await api('GET', `/campaigns/${cid}/judging-progress`, { token: admin });
    expect(progress.body.missingScores).toBe(0);
    expect(progress.body.candidates.find((c: { nominationId: string }) => c.nominationId === dongbao.id)).toMatchObject(
      { judges: 2, scored: 2 },
    );
    expect((await api('GET', `/campaigns/${cid}/judging-progress`, { token: j2 })).status).toBe(403);

    await moveTo(cid, 'voting');
    // Votes: city 3, dongbao 2, zhanghe A 1, zhanghe B 2; the star gets none.
    const ballots = [
      [city.id, dongbao.id, zhangheB.id],
      [city.id, dongbao.id, zhangheA.id],
      [city.id, zhangheB.id],
    ];
    const receipts: Array<{ receiptId: string; candidateId: string }> = [];
    for (const candidateIds of ballots) {
      const cast = await api('POST', `/campaigns/${cid}/votes`, { token: await voterToken(), body: { candidateIds } });
      expect(cast.status, JSON.stringify(cast.body)).toBe(202);
      receipts.push(...cast.body.receipts);
    }
    for (const r of receipts)
      await until(`receipt ${r.receiptId} counted`, async () =>
        (await api('GET', `/receipts/${r.receiptId}`)).body.status === 'counted' ? true : undefined,
      );

    await moveTo(cid, 'scoring');
    expect((await api('GET', `/campaigns/${cid}/results`)).status).toBe(404);
    // The schedule worker computes the results once the campaign's vote backlog is 0.
    const results = await until('results', async () => {
      const r = await api('GET', `/campaigns/${cid}/results`, { token: admin });
      return r.status === 200 ? r.body : undefined;
    });
    expect(results.recount.mismatches).toEqual([]);
    expect(await computeThroughApi(cid, admin)).toBe(results.version + 1);
    // Computed but not public: a receipt carries no proof (its index would tell the volume).
    expect((await api('GET', `/receipts/${receipts[0]!.receiptId}`)).body).not.toHaveProperty('proof');
    await moveTo(cid, 'announcement');

    const view = await api('GET', `/campaigns/${cid}/results`);
    expect(view.status).toBe(200);
    expect(view.body).not.toHaveProperty('recount');
    const windows: Array<Record<string, any>> = view.body.categories.window;
    const row = (id: string) => windows.find((w) => w.nominationId === id)!;
    // Every total by hand from the published figures: 60 × votes / 3 + 40 × (mean of the judges' totals) / 100.
    expect(row(city.id)).toMatchObject({
      votes: 3,
      votePart: 60,
      judgeTotals: [94, 99],
      expertPart: 38.6,
      total: 98.6,
      rank: 1,
      awarded: true,
    });
    expect(row(dongbao.id)).toMatchObject({
      votes: 2,
      votePart: 40,
      judgeTotals: [79, 89],
      expertPart: 33.6,
      total: 73.6,
      rank: 2,
      awarded: true,
    });
    expect(row(zhangheB.id)).toMatchObject({
      votes: 2,
      votePart: 40,
      judgeTotals: [69, 74, 79],
      expertPart: 29.6,
      total: 69.6,
      rank: 3,
      awarded: true,
    });
    expect(row(zhangheA.id)).toMatchObject({
      votes: 1,
      votePart: 20,
      judgeTotals: [59, 64, 69],
      expertPart: 25.6,
      total: 45.6,
      rank: 4,
      awarded: false,
    }); // zhanghe has 1 award place
    expect(view.body.categories.star[0]).toMatchObject({
      votes: 0,
      votePart: 0,
      judgeTotals: [74, 79, 84],
      expertPart: 31.6,
      total: 31.6,
      awarded: true,
    });
    expect(view.body.tally.total).toBe(8);
    expect(view.body.method).toContain('投票得分 = 60');
    expect(view.body.methodEn).toContain('Vote part = 60');

    // The published files, checked as anyone would.
    const links = await api('GET', `/campaigns/${cid}/results/files`);
    expect(links.status).toBe(200);
    const resultsText = await (await fetch(links.body.results.url)).text();
    const votesBytes = Buffer.from(await (await fetch(links.body.votes.url)).arrayBuffer());
    expect(votesBytes.toString('utf8')).not.toContain('voter');
    const report = await verifyTally(resultsText, [votesBytes]);
    expect(report.mismatches).toEqual([]);

    // A counted vote's receipt now proves its inclusion in the published root.
    const receipt = await api('GET', `/receipts/${receipts[0]!.receiptId}`);
    const { proof } = receipt.body;
    expect(proof.records).toContain(
      voteRecord({
        receiptId: receipt.body.receiptId,
        candidateId: receipt.body.candidateId,
        category: receipt.body.category,
        day: receipt.body.day,
      }),
    );
    const leaf = leafHash(proof.records);
    expect(applyProof(leaf, proof.path)).toBe(proof.categoryRoot);
    expect(applyProof(Buffer.from(proof.categoryRoot, 'hex'), proof.rootPath)).toBe(view.body.tally.root);

    // An override, recorded and shown beside the result; quotas still hold.
    const quota = await api('POST', `/campaigns/${cid}/results/overrides`, {
      token: admin,
      body: { nominationId: zhangheA.id, awarded: true, reason: '复核' },
    });
    expect(quota.status).toBe(422);
    const override = await api('POST', `/campaigns/${cid}/results/overrides`, {
      token: admin,
      body: { nominationId: dongbao.id, awarded: false, reason: '公示期间收到实名反映，经核实撤销' },
    });
    expect(override.status, JSON.stringify(override.body)).toBe(201);
    const after = await api('GET', `/campaigns/${cid}/results`);
    expect(
      after.body.categories.window.find((w: { nominationId: string }) => w.nominationId === dongbao.id),
    ).toMatchObject({
      awardedByRanking: true,
      awarded: false,
      override: { reason: '公示期间收到实名反映，经核实撤销', by: 'admin' },
    });
    // The override is published beside results.json, by the SHA-256 GET /results names; verify-tally applies it.
    // The clock tick (every second here) republishes overrides.json; the public route only reads.
    let relinked = await api('GET', `/campaigns/${cid}/results/files`);
    for (let i = 0; i < 50 && !relinked.body.overrides.current; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      relinked = await api('GET', `/campaigns/${cid}/results/files`);
    }
    expect(relinked.body.overrides).toMatchObject({
      name: 'overrides.json',
      sha256: after.body.overridesFile.sha256,
      count: 1,
      current: true,
    });
    const overridesText = await (await fetch(relinked.body.overrides.url)).text();
    expect(sha256(overridesText)).toBe(after.body.overridesFile.sha256);
    const final = await verifyTally(resultsText, [votesBytes], overridesText);
    expect(final.mismatches).toEqual([]);
    expect(final.awards.find((a) => a.nominationId === dongbao.id)).toMatchObject({
      awardedByRanking: true,
      awarded: false,
      override: { reason: '公示期间收到实名反映，经核实撤销' },
    });
    expect(
      final.awards
        .filter((a) => a.awarded)
        .map((a) => a.nominationId)
        .sort(),
    ).toEqual([city.id, zhangheB.id, star.id].sort());

    // The votes CSV: written by the worker, handed out as a link.
    const votesExport = await api('GET', `/campaigns/${cid}/exports/votes`, { token: admin });
    expect(votesExport.status, JSON.stringify(votesExport.body)).toBe(200);
    expect(votesExport.body).toMatchObject({ version: results.version + 1, rows: 8, expiresInSeconds: 900 });
    const votesCsv = Buffer.from(await (await fetch(votesExport.body.url)).arrayBuffer());
    expect(votesCsv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // UTF-8 byte-order mark
    const votesRows = votesCsv.toString('utf8').split('\r\n').filter(Boolean);
    expect(votesRows).toHaveLength(9);
    expect(
      votesRows
        .slice(1)
        .map((r) => r.split(',')[0])
        .sort(),
    ).toEqual(receipts.map((r) => r.receiptId).sort());
    expect(votesCsv.toString('utf8')).not.toContain('voter');

    for (const kind of ['scores', 'results']) {
      const csv = await api('GET', `/campaigns/${cid}/exports/${kind}`, { token: admin });
      expect(csv.status, kind).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const raw = Buffer.from(
        await (
          await fetch(`${local().url}/campaigns/${cid}/exports/${kind}`, {
            headers: { authorization: `Bearer ${admin}` },
          })
        ).arrayBuffer(),
      );
      expect(raw.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // UTF-8 byte-order mark
      expect(raw.toString('utf8')).toContain('\r\n');
    }

    await moveTo(cid, 'awarded');
    const frozenScore = await api('PUT', `/campaigns/${cid}/scores/${star.id}`, {
      token: j2,
      body: { criteria: [1, 1, 1, 1, 1] },
    });
    expect(frozenScore.status).toBe(409);
    const frozenOverride = await api('POST', `/campaigns/${cid}/results/overrides`, {
      token: admin,
      body: { nominationId: dongbao.id, awarded: true, reason: 'x' },
    });
    expect(frozenOverride.status).toBe(409);
    const certificate = await api('GET', `/campaigns/${cid}/certificates/${city.id}`, { token: admin });
    expect(certificate.status).toBe(200);
    expect(certificate.headers.get('content-type')).toContain('text/html');
    expect(certificate.body).toContain('2019年度荆门市优质服务窗口');
    expect(certificate.body).toContain('荆门市“工人先锋号”');
    expect(certificate.body).toContain('市政务服务中心窗口');
    const english = await api('GET', `/campaigns/${cid}/certificates/${city.id}?lang=en`, { token: admin });
    expect(english.status).toBe(200);
    expect(english.body).toContain('Certificate of Honour');
    expect(english.body).toContain('2019 Jingmen Service Excellence Window');
    expect(english.body).toContain('市政务服务中心窗口');
    const unknown = await api('GET', `/campaigns/${cid}/certificates/${city.id}?lang=fr`, { token: admin });
    expect(unknown.status).toBe(400);
    expect((await api('GET', `/campaigns/${cid}/certificates/${dongbao.id}`, { token: admin })).status).toBe(409);
  }, 180_000);
});
