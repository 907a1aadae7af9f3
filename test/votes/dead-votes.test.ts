import { describe, expect, it } from 'vitest';
import {
  type DeadVote,
  type DeadVoteStore,
  deadVoteView,
  keepDeadLetter,
  retryDeadVotes,
} from '../../shared/votes/dead-votes';
import type { VoteMessage } from '../../shared/votes/vote-message';

const message: VoteMessage = {
  v: 1,
  requestId: 'ab'.repeat(20),
  campaignId: 'c1',
  voterId: 'voter-hash',
  firstSeenAt: '2019-07-27T10:00:00+08:00',
  ip: '10.1.2.3',
  deviceId: 'device-1',
  acceptedAt: '2019-07-28T10:00:00+08:00',
  day: '2019-07-28',
  votes: [{ receiptId: `${'ab'.repeat(20)}-0`, candidateId: 'w1', category: 'window', status: 'counted' }],
};

const memoryStore = () => {
  const kept = new Map<string, DeadVote>();
  const unreadable: string[] = [];
  const store: DeadVoteStore = {
    keep: async (dead) => void kept.set(`${dead.message.campaignId}/${dead.message.requestId}`, dead),
    keepUnreadable: async (messageId) => void unreadable.push(messageId),
    list: async (cid) => [...kept.entries()].filter(([k]) => k.startsWith(`${cid}/`)).map(([, d]) => d),
    count: async (cid) => (await store.list(cid)).length,
    remove: async (cid, requestId) => void kept.delete(`${cid}/${requestId}`),
  };
  return { store, kept, unreadable };
};

describe('dead-lettered votes', () => {
  it('keeps a vote message under its campaign (twice is once) and anything else under no campaign', async () => {
    const { store, kept, unreadable } = memoryStore();
    expect(await keepDeadLetter('m1', JSON.stringify(message), store)).toBe('c1');
    expect(await keepDeadLetter('m2', JSON.stringify(message), store)).toBe('c1');
    expect(await keepDeadLetter('m3', 'not json', store)).toBeUndefined();
    expect(await keepDeadLetter('m4', JSON.stringify({ ...message, votes: [] }), store)).toBeUndefined();
    expect([...kept.keys()]).toEqual([`c1/${message.requestId}`]);
    expect(unreadable).toEqual(['m3', 'm4']);
  });

  it('shows admins receipts and statuses, never the voter, address or device', () => {
    const view = JSON.stringify(deadVoteView({ message, keptAt: '2019-07-29T00:00:00Z' }));
    expect(view).toContain(message.votes[0]!.receiptId);
    for (const hidden of [message.voterId, message.ip, message.deviceId!]) expect(view).not.toContain(hidden);
  });

  it('removes a dead vote only once the queue took it again', async () => {
    const { store, kept } = memoryStore();
    await store.keep({ message, keptAt: 'now' });
    await expect(
      retryDeadVotes('c1', { deadVotes: store, send: () => Promise.reject(new Error('queue down')) }),
    ).rejects.toThrow('queue down');
    expect(kept.size).toBe(1);
    const sent: VoteMessage[] = [];
    expect(await retryDeadVotes('c1', { deadVotes: store, send: async (m) => void sent.push(m) })).toEqual({
      retried: 1,
    });
    expect(sent).toEqual([message]);
    expect(kept.size).toBe(0);
  });
});
