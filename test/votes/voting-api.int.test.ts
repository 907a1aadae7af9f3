/**
 * Voting end to end through the local gateway, as a voter's page calls it: a code from the local
 * outbox, a voter token, votes in both categories, receipts final in the 202 and `queued` at
 * GET /receipts until counted, the daily
 * limits, the voter's view, live counts, the close, and brushing flags and voids.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { api, login } from '../support/api';
import { approvedCandidates, phoneNumber, votingCampaign } from './support/fixtures';

const signIn = async (phone: string, headers: Record<string, string> = {}): Promise<string> => {
  const otp = await api('POST', '/voter/otp', { body: { phone }, headers });
  expect(otp.status).toBe(202);
  const outbox = await api('GET', `/local/outbox?phone=${phone}`);
  const code = outbox.body.messages[0].code as string;
  const session = await api('POST', '/voter/session', { body: { phone, code } });
  expect(session.status).toBe(200);
  return session.body.token as string;
};

/** Waits until every receipt has left `queued`. */
const settled = async (receiptIds: string[]): Promise<string[]> => {
  for (let i = 0; i < 100; i++) {
    const statuses = await Promise.all(
      receiptIds.map(async (id) => (await api('GET', `/receipts/${id}`)).body.status as string),
    );
    if (statuses.every((s) => s !== 'queued')) return statuses;
    await sleep(200);
  }
  throw new Error('receipts still queued after 20 s');
};

describe('voter verification', () => {
  it('sends a 6-digit code and exchanges it for a voter token; the number never comes back', async () => {
    const phone = phoneNumber();
    const otp = await api('POST', '/voter/otp', { body: { phone: `+86 ${phone}` } });
    expect(otp.status).toBe(202);
    expect(JSON.stringify(otp.body)).not.toContain(phone);
    const [message] = (await api('GET', `/local/outbox?phone=${phone}`)).body.messages;
    expect(message.code).toMatch(/^\d{6}$/);
    const session = await api('POST', '/voter/session', { body: { phone, code: message.code } });
    expect(session.status).toBe(200);
    expect(session.body.token).toEqual(expect.any(String));
    expect(JSON.stringify(session.body)).not.toContain(phone);
    // A code is single use.
    expect((await api('POST', '/voter/session', { body: { phone, code: message.code } })).status).toBe(401);
  });

  it('refuses a second code within the minute with 429 and retry-after', async () => {
    const phone = phoneNumber();
    expect((await api('POST', '/voter/otp', { body: { phone } })).status).toBe(202);
    const again = await api('POST', '/voter/otp', { body: { phone } });
    expect(again.status).toBe(429);
    // A rolling minute from the code just sent, not the rest of the clock minute.
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThanOrEqual(55);
    expect(Number(again.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  it('stops guesses from one address after 5 wrong tries with 429 (other addresses: test/voters)', async () => {
    const phone = phoneNumber();
    await api('POST', '/voter/otp', { body: { phone } });
    const code = (await api('GET', `/local/outbox?phone=${phone}`)).body.messages[0].code as string;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      expect((await api('POST', '/voter/session', { body: { phone, code: wrong } })).status).toBe(401);
    const locked = await api('POST', '/voter/session', { body: { phone, code } });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('lets the voter end their session: the token then gets 401 everywhere', async () => {
    const token = await signIn(phoneNumber());
    const campaign = await votingCampaign({ voting: { liveCounts: 'live' } });
    const [w1, w2] = await approvedCandidates(campaign.id, 'window', 2);
    const cast = (candidateId: string) =>
      api('POST', `/campaigns/${campaign.id}/votes`, { token, body: { candidateIds: [candidateId] } });
    expect((await cast(w1!)).status).toBe(202);
    expect((await api('GET', `/campaigns/${campaign.id}/votes/mine`, { token })).status).toBe(200);
    expect((await api('DELETE', '/voter/session', { token })).status).toBe(200);
    // The vote route checks a session begun today on the voter's ballot, not the profile (docs/counting.md).
    const vote = await cast(w2!);
    expect(vote.status).toBe(401);
    expect(vote.body.error.message).toBe('此会话已结束，请重新验证手机号');
    expect((await api('GET', `/campaigns/${campaign.id}/votes/mine`, { token })).status).toBe(401);
    expect((await api('DELETE', '/voter/session', { token })).status).toBe(401);
  });

  it('refuses a number that is not a mainland mobile with 400', async () => {
    expect((await api('POST', '/voter/otp', { body: { phone: '12345' } })).status).toBe(400);
  });
});

describe('voting', () => {
  it('takes votes in both categories, counts them, and refuses a duplicate and a sixth candidate', async () => {
    const campaign = await votingCampaign({ voting: { liveCounts: 'live' } });
    const windows = await approvedCandidates(campaign.id, 'window', 6);
    const stars = await approvedCandidates(campaign.id, 'star', 2);
    const token = await signIn(phoneNumber());

    const cast = await api('POST', `/campaigns/${campaign.id}/votes`, {
      token,
      body: { candidateIds: [...windows.slice(0, 5), stars[0]] },
    });
    expect(cast.status).toBe(202);
    expect(cast.body.receipts).toHaveLength(6);
    expect(cast.body.receipts.every((r: { status: string }) => r.status === 'counted')).toBe(true);
    expect(await settled(cast.body.receipts.map((r: { receiptId: string }) => r.receiptId))).toEqual(
      Array(6).fill('counted'),
    );

    const more = await api('POST', `/campaigns/${campaign.id}/votes`, {
      token,
      body: { candidateIds: [windows[0], windows[5], stars[1]] },
    });
    expect(more.status).toBe(202);
    expect(more.body.receipts.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'over_limit', 'counted']);
    expect(await settled(more.body.receipts.map((r: { receiptId: string }) => r.receiptId))).toEqual([
      'duplicate',
      'over_limit',
      'counted',
    ]);

    const mine = await api('GET', `/campaigns/${campaign.id}/votes/mine`, { token });
    expect(mine.status).toBe(200);
    expect(mine.body.categories.window.candidatesLeft).toBe(0);
    expect(mine.body.categories.star.candidatesLeft).toBe(3);
    expect(mine.body.queuedNotListed).toBe('votes still in the queue appear once counted; follow their receipts');
    // Every receipt of today, with its status: the refused ones too.
    const statusOf = (category: string) =>
      mine.body.categories[category].votes.map((v: { candidateId: string; status: string }) => [
        v.candidateId,
        v.status,
      ]);
    expect(statusOf('window')).toEqual([
      ...windows.slice(0, 5).map((w) => [w, 'counted']),
      [windows[0], 'duplicate'],
      [windows[5], 'over_limit'],
    ]);
    expect(statusOf('star')).toEqual([
      [stars[0], 'counted'],
      [stars[1], 'counted'],
    ]);
    // Only the caller's own receipts.
    const other = await api('GET', `/campaigns/${campaign.id}/votes/mine`, { token: await signIn(phoneNumber()) });
    expect([
      other.body.categories.window.votes,
      other.body.categories.star.votes,
      other.body.categories.window.candidatesLeft,
    ]).toEqual([[], [], 5]);

    const tally = await api('GET', `/campaigns/${campaign.id}/tally`);
    expect(tally.status).toBe(200);
    const votesOf = (id: string) =>
      tally.body.candidates.find((c: { candidateId: string }) => c.candidateId === id).votes;
    expect([votesOf(windows[0]!), votesOf(windows[5]!), votesOf(stars[0]!), votesOf(stars[1]!)]).toEqual([1, 0, 1, 1]);
  });

  it('refuses votes without a voter token (401), for non-candidates (422) and too many in a category (422)', async () => {
    const campaign = await votingCampaign();
    const windows = await approvedCandidates(campaign.id, 'window', 6);
    const token = await signIn(phoneNumber());
    expect(
      (await api('POST', `/campaigns/${campaign.id}/votes`, { body: { candidateIds: [windows[0]] } })).status,
    ).toBe(401);
    const unknown = await api('POST', `/campaigns/${campaign.id}/votes`, {
      token,
      body: { candidateIds: ['someone-else.x'] },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('NOT_A_CANDIDATE');
    expect(
      (await api('POST', `/campaigns/${campaign.id}/votes`, { token, body: { candidateIds: windows } })).status,
    ).toBe(422);
    expect((await api('POST', `/campaigns/${campaign.id}/votes`, { token, body: { candidateIds: 'x' } })).status).toBe(
      400,
    );
  });

  it('refuses votes with 409 once an admin moves the campaign to scoring, and counts those accepted before', async () => {
    const campaign = await votingCampaign();
    const [w] = await approvedCandidates(campaign.id, 'window', 1);
    const token = await signIn(phoneNumber());
    const before = await api('POST', `/campaigns/${campaign.id}/votes`, { token, body: { candidateIds: [w] } });
    expect(before.status).toBe(202);
    const moved = await api('POST', `/campaigns/${campaign.id}/transitions`, {
      token: await login('admin'),
      body: { to: 'scoring', reason: 'voting closed' },
    });
    expect(moved.status).toBe(200);
    // The dry run of the next move says how many votes are still in flight.
    const dryRun = await api('GET', `/campaigns/${campaign.id}/transitions`, { token: await login('admin') });
    const drained = dryRun.body.next[0].preconditions.find((p: { key: string }) => p.key === 'votes-drained');
    expect(drained.detail).toMatch(/^尚未计入 \d+ 张，计票失败的请求 0 个/);
    expect(drained.detailEn).toMatch(/^\d+ vote\(s\) not yet counted, 0 dead-lettered request\(s\)/);
    await sleep(1100); // the vote path reads the campaign at most once a second
    const after = await api('POST', `/campaigns/${campaign.id}/votes`, { token, body: { candidateIds: [w] } });
    expect(after.status).toBe(409);
    expect(after.body.error.code).toBe('VOTING_CLOSED');
    // The stage closed it (autoAdvance is off): no schedule dates that would say otherwise.
    expect(after.body.error.message).toBe('投票已结束（评选活动现处于“计票评分”阶段）');
    expect(after.body.error.messageEn).toContain('the campaign is in scoring; voting has closed');
    expect(after.body.error.details).toEqual({ stage: 'scoring' });
    expect(await settled([before.body.receipts[0].receiptId])).toEqual(['counted']);
  });

  it('hides counts from the public when liveCounts is hidden, not from admins', async () => {
    const campaign = await votingCampaign({ voting: { liveCounts: 'hidden' } });
    await approvedCandidates(campaign.id, 'window', 1);
    expect((await api('GET', `/campaigns/${campaign.id}/tally`)).status).toBe(403);
    expect((await api('GET', `/campaigns/${campaign.id}/tally`, { token: await login('admin') })).status).toBe(200);
  });

  it('shows the public the counts, as live, from announcement on even when liveCounts is hidden', async () => {
    const campaign = await votingCampaign({ stage: 'announcement', voting: { liveCounts: 'hidden' } });
    await approvedCandidates(campaign.id, 'window', 1);
    const tally = await api('GET', `/campaigns/${campaign.id}/tally`);
    expect(tally.status).toBe(200);
    expect([tally.body.mode, tally.body.liveCounts, tally.body.candidates]).toEqual([
      'live',
      'hidden',
      [expect.objectContaining({ votes: 0 })],
    ]);
  });

  it('flags one device across several numbers; an admin voids the flag and the counts drop, in a public ledger', async () => {
    const campaign = await votingCampaign({ voting: { liveCounts: 'live' } });
    const [w] = await approvedCandidates(campaign.id, 'window', 1);
    const device = { 'x-device-id': `device-${campaign.id}` };
    const receipts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const token = await signIn(phoneNumber());
      const cast = await api('POST', `/campaigns/${campaign.id}/votes`, {
        token,
        body: { candidateIds: [w] },
        headers: device,
      });
      receipts.push(cast.body.receipts[0].receiptId);
    }
    expect(await settled(receipts)).toEqual(['counted', 'counted', 'counted']);
    const admin = await login('admin');
    let flags: any[] = [];
    for (let i = 0; i < 50 && flags.length === 0; i++) {
      flags = (await api('GET', `/campaigns/${campaign.id}/vote-flags`, { token: admin })).body.flags.filter(
        (f: { rule: string }) => f.rule === 'shared-device',
      );
      if (flags.length === 0) await sleep(200);
    }
    expect(flags).toHaveLength(1);
    expect(flags[0].voters).toBe(3);
    expect(flags[0].voterSample.every((v: string) => v.length === 8)).toBe(true);
    expect((await api('GET', `/campaigns/${campaign.id}/vote-flags`)).status).toBe(401);

    const voided = await api('POST', `/campaigns/${campaign.id}/vote-voids`, {
      token: admin,
      body: { flagId: flags[0].flagId, reason: '同一设备多个号码刷票' },
    });
    expect(voided.status).toBe(200);
    expect(voided.body.counts).toEqual([{ candidateId: w, category: 'window', before: 3, voided: 3, after: 0 }]);
    // The same void again changes nothing.
    const again = await api('POST', `/campaigns/${campaign.id}/vote-voids`, {
      token: admin,
      body: { flagId: flags[0].flagId, reason: '同一设备多个号码刷票' },
    });
    expect(again.body.counts).toEqual(voided.body.counts);

    const tally = await api('GET', `/campaigns/${campaign.id}/tally`);
    expect(tally.body.candidates[0].votes).toBe(0);
    expect((await api('GET', `/receipts/${receipts[0]}`)).body.status).toBe('voided');
    const ledger = await api('GET', `/campaigns/${campaign.id}/vote-voids`);
    expect(ledger.status).toBe(200);
    expect(ledger.body.voids[0]).toMatchObject({
      reason: '同一设备多个号码刷票',
      receiptIds: expect.arrayContaining(receipts),
    });
    // liveCounts `live`: the public ledger shows the counts too.
    expect(ledger.body.voids[0].counts).toEqual(voided.body.counts);
  });

  it('keeps counts out of the public void ledger while liveCounts is hidden: what, why and when only; admins see the counts', async () => {
    const campaign = await votingCampaign({ voting: { liveCounts: 'hidden' } });
    const [w] = await approvedCandidates(campaign.id, 'window', 1);
    const receipts: string[] = [];
    for (let i = 0; i < 2; i++) {
      const cast = await api('POST', `/campaigns/${campaign.id}/votes`, {
        token: await signIn(phoneNumber()),
        body: { candidateIds: [w] },
      });
      receipts.push(cast.body.receipts[0].receiptId);
    }
    expect(await settled(receipts)).toEqual(['counted', 'counted']);
    const admin = await login('admin');
    const voided = await api('POST', `/campaigns/${campaign.id}/vote-voids`, {
      token: admin,
      body: { receiptIds: [receipts[0]], reason: '核实为刷票' },
    });
    expect(voided.body.counts).toEqual([{ candidateId: w, category: 'window', before: 2, voided: 1, after: 1 }]);

    const [entry] = (await api('GET', `/campaigns/${campaign.id}/vote-voids`)).body.voids;
    expect(entry).toMatchObject({ reason: '核实为刷票', at: expect.any(String), receiptIds: [receipts[0]] });
    expect(entry.counts).toEqual([{ candidateId: w, category: 'window', voided: 1 }]);
    expect(JSON.stringify(entry)).not.toMatch(/"(before|after)"/);
    const [seenByAdmin] = (await api('GET', `/campaigns/${campaign.id}/vote-voids`, { token: admin })).body.voids;
    expect(seenByAdmin.counts).toEqual(voided.body.counts);
  });

  it('answers 404 for a receipt id it never issued', async () => {
    expect((await api('GET', `/receipts/${'0'.repeat(40)}-0`)).status).toBe(404);
  });
});
