/**
 * Ending a session, as the vote route checks it, against DynamoDB Local: a session begun today is checked by the
 * ballot writes themselves (ending sessions marks the day's ballots `ended`), an older one by the voter's profile.
 * A revocation racing a request leaves no ballot place without a message; a ballot holding only the mark counts
 * nothing anywhere.
 */
import { describe, expect, it } from 'vitest';
import { requireVoter } from '../../functions/voters/voter-auth';
import type { Campaign, Category } from '../../shared/campaigns/schema';
import { UnauthorizedError } from '../../shared/errors';
import type { HttpEvent } from '../../shared/http/with-http';
import { createVoterKeys, type VoterClaims } from '../../shared/voters/voter-keys';
import { createVoterRepository } from '../../shared/voters/voter-repository';
import { endVoterSessions } from '../../shared/voters/voter-sessions';
import { createBallotSessionEnds } from '../../shared/votes/ballot-repository';
import type { BallotStore } from '../../shared/votes/ballots';
import { castVotes } from '../../shared/votes/cast-votes';
import { myVotes } from '../../shared/votes/my-votes';
import { createVelocityLimiter } from '../../shared/votes/velocity';
import type { VoteMessage } from '../../shared/votes/vote-message';
import { createVoteRepository } from '../../shared/votes/vote-repository';
import { voter, votingCampaign } from './support/fixtures';

const store = createVoteRepository({ tableName: process.env.TABLE_NAME! });
const ballots = createBallotSessionEnds({ tableName: process.env.TABLE_NAME! });
const voters = createVoterRepository({ tableName: process.env.TABLE_NAME! });
const keys = createVoterKeys('b'.repeat(64));
const SECOND = 1000;
const DAY = 24 * 3600 * SECOND;
/** 10:00 in Shanghai on a voting day. */
const T = Date.parse('2019-07-28T10:00:00+08:00');
const TODAY = '2019-07-28';
const ENDED = '此会话已结束，请重新验证手机号';

const candidates = new Map<string, Category>([
  ...['w1', 'w2', 'w3', 'w4', 'w5', 'w6'].map((id) => [id, 'window'] as [string, Category]),
  ['s1', 'star'],
  ['s2', 'star'],
]);

/** A token's claims, the session begun at `issuedAt` (whole seconds, as tokens carry it). */
const session = (voterId: string, issuedAt: number): VoterClaims => ({
  voterId,
  firstSeenAt: new Date(T - DAY),
  issuedAt: new Date(Math.floor(issuedAt / SECOND) * SECOND),
  expiresAt: new Date(issuedAt + 30 * DAY),
});

/** The vote path at `at`, as the route runs it, with the queue's messages kept in `sent`. */
const vote = (
  campaign: Campaign,
  claims: VoterClaims,
  candidateIds: string[],
  at: number,
  { sent = [] as VoteMessage[], ballots = store as BallotStore } = {},
) =>
  castVotes(
    campaign.id,
    candidateIds,
    claims,
    { ip: '10.0.0.1' },
    {
      campaign: async () => campaign,
      candidates: async () => candidates,
      send: async (message) => void sent.push(message),
      ballots,
      newRequestId: keys.newRequestId,
      velocity: {
        voter: createVelocityLimiter({ limit: 100, windowMs: 60_000 }),
        ip: createVelocityLimiter({ limit: 100, windowMs: 60_000 }),
      },
      now: () => new Date(at),
    },
  );

/** DELETE /voter/session at `at`, with these campaigns in the table. */
const end = (claims: VoterClaims, at: number, campaigns: Campaign[]) =>
  endVoterSessions(claims, { voters, ballots, campaigns: async () => campaigns, now: () => new Date(at) });

/** The receipts on the voter's ballots of the day, by category. */
const onBallots = async (campaignId: string, voterId: string, day = TODAY) =>
  Object.fromEntries(
    [...(await store.ballots(campaignId, voterId, day))].map(([category, state]) => [
      category,
      [...state.receipts.values()].flat().length,
    ]),
  );

/** The profile reads requireVoter makes, counted. */
const countingVoters = () => {
  const counted = { reads: 0 };
  return Object.assign(counted, {
    repository: {
      ...voters,
      sessionsRevokedAt: (voterId: string) => {
        counted.reads += 1;
        return voters.sessionsRevokedAt(voterId);
      },
    },
  });
};
const withToken = (claims: VoterClaims): HttpEvent =>
  ({ headers: { Authorization: `Bearer ${keys.signToken(claims)}` } }) as unknown as HttpEvent;

describe('a session the voter ended, on the vote path', () => {
  it('refuses the next vote of a session begun today with 401 and writes nothing; no profile read', async () => {
    const campaign = await votingCampaign();
    const scoring = await votingCampaign({ stage: 'scoring' });
    const v = voter();
    const today = session(v, T);
    expect((await vote(campaign, today, ['w1', 's1'], T + 60 * SECOND)).map((r) => r.status)).toEqual([
      'counted',
      'counted',
    ]);
    // Ended half a second into a second: a session begun in that second ends too.
    const endAt = T + 120 * SECOND + 500;
    const sameSecond = session(v, endAt);
    await end(today, endAt, [campaign, scoring]);

    const profile = countingVoters();
    const auth = { voterKeys: async () => keys, voters: profile.repository };
    for (const claims of [today, sameSecond]) {
      // The route: no profile read for a session begun today; the ballot write refuses it.
      const now = new Date(T + 180 * SECOND);
      expect(await requireVoter(withToken(claims), now, auth, { ballotChecksToday: true })).toMatchObject({
        voterId: v,
      });
      const sent: VoteMessage[] = [];
      const refused = await vote(campaign, claims, ['w2', 's2'], now.getTime(), { sent }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(UnauthorizedError);
      expect((refused as UnauthorizedError).text.zh).toBe(ENDED);
      expect(sent).toEqual([]);
    }
    expect(profile.reads).toBe(0);
    expect(await onBallots(campaign.id, v)).toEqual({ window: 1, star: 1 });
    // Only campaigns whose voting has not closed are marked.
    expect((await store.ballots(scoring.id, v, TODAY)).size).toBe(0);
    // Every other route still reads the profile, and refuses.
    await expect(requireVoter(withToken(today), new Date(T + 180 * SECOND), auth)).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    expect(profile.reads).toBe(1);

    // A session begun after the end votes normally.
    const later = session(v, T + 121 * SECOND);
    expect((await vote(campaign, later, ['w2'], T + 200 * SECOND)).map((r) => r.status)).toEqual(['counted']);
  });

  it('still checks the profile for a session begun before midnight and used after it', async () => {
    const campaign = await votingCampaign();
    const v = voter();
    const lateNight = Date.parse('2019-07-28T23:59:00+08:00');
    const yesterday = session(v, lateNight);
    await end(yesterday, lateNight + 30 * SECOND, [campaign]);
    const afterMidnight = new Date(Date.parse('2019-07-29T00:00:10+08:00'));

    const profile = countingVoters();
    const refused = await requireVoter(
      withToken(yesterday),
      afterMidnight,
      { voterKeys: async () => keys, voters: profile.repository },
      { ballotChecksToday: true },
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UnauthorizedError);
    expect((refused as UnauthorizedError).text.zh).toBe(ENDED);
    expect(profile.reads).toBe(1);
    // The new day's ballots carry no mark: the profile read is what ends such a session.
    expect((await store.ballots(campaign.id, v, '2019-07-29')).size).toBe(0);
  });

  it('takes back the written category when the session ends between the two category writes: no place without a message', async () => {
    const campaign = await votingCampaign();
    const v = voter();
    const claims = session(v, T);
    let windowWritten = () => {};
    const written = new Promise<void>((resolve) => {
      windowWritten = resolve;
    });
    // The window write goes through; the voter ends the session before the star write.
    const racing: BallotStore = {
      addFirstVotes: async (key, votes, limits, issuedAt) => {
        if (key.category === 'star') {
          await written;
          await end(claims, T + 61 * SECOND, [campaign]);
        }
        const result = await store.addFirstVotes(key, votes, limits, issuedAt);
        if (key.category === 'window') windowWritten();
        return result;
      },
      addRepeatVote: (key, v1, limits, issuedAt) => store.addRepeatVote(key, v1, limits, issuedAt),
      removeVotes: (key, votes) => store.removeVotes(key, votes),
      withdrawRequest: (request) => store.withdrawRequest(request),
    };
    const sent: VoteMessage[] = [];
    const refused = await vote(campaign, claims, ['w1', 'w2', 's1'], T + 60 * SECOND, { sent, ballots: racing }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(UnauthorizedError);
    expect((refused as UnauthorizedError).text.zh).toBe(ENDED);
    expect(sent).toEqual([]);
    expect(await onBallots(campaign.id, v)).toEqual({ window: 0, star: 0 });
    // The close's backlog: no counted vote waits for a message that will never come.
    expect(await store.uncounted(campaign.id)).toBe(0);
  });

  it('takes back the written category when the other category’s write fails for any other reason', async () => {
    const campaign = await votingCampaign();
    const v = voter();
    let windowWritten = () => {};
    const written = new Promise<void>((resolve) => {
      windowWritten = resolve;
    });
    const failing: BallotStore = {
      addFirstVotes: async (key, votes, limits, issuedAt) => {
        if (key.category === 'star') {
          await written;
          throw new Error('throttled');
        }
        const result = await store.addFirstVotes(key, votes, limits, issuedAt);
        windowWritten();
        return result;
      },
      addRepeatVote: (key, v1, limits, issuedAt) => store.addRepeatVote(key, v1, limits, issuedAt),
      removeVotes: (key, votes) => store.removeVotes(key, votes),
      withdrawRequest: (request) => store.withdrawRequest(request),
    };
    await expect(vote(campaign, session(v, T), ['w1', 's1'], T + 60 * SECOND, { ballots: failing })).rejects.toThrow(
      'throttled',
    );
    expect(await onBallots(campaign.id, v)).toEqual({ window: 0 });
    expect(await store.uncounted(campaign.id)).toBe(0);
  });

  it('lets a ballot holding only the mark disturb nothing: the backlog, votes/mine and the daily limits', async () => {
    const campaign = await votingCampaign();
    const v = voter();
    await end(session(v, T), T + 10 * SECOND, [campaign]);
    expect(await onBallots(campaign.id, v)).toEqual({ window: 0, star: 0 });
    expect(await store.uncounted(campaign.id)).toBe(0);
    const mine = () =>
      myVotes(campaign, v, {
        ballots: store.ballots,
        voterRequests: store.voterRequests,
        ledgerItems: store.ledgerItems,
        now: () => new Date(T + 30 * SECOND),
      });
    expect((await mine()).categories).toEqual({
      window: { votes: [], candidatesLeft: 5 },
      star: { votes: [], candidatesLeft: 5 },
    });

    // A new session that day: the limits count as on any ballot.
    const later = session(v, T + 20 * SECOND);
    expect(
      (await vote(campaign, later, ['w1', 'w2', 'w3', 'w4', 'w5', 's1'], T + 30 * SECOND)).map((r) => r.status),
    ).toEqual(Array(6).fill('counted'));
    expect((await vote(campaign, later, ['w6', 'w1', 's1'], T + 40 * SECOND)).map((r) => r.status)).toEqual([
      'over_limit',
      'duplicate',
      'duplicate',
    ]);
    expect(await onBallots(campaign.id, v)).toEqual({ window: 5, star: 1 });
    // Nothing counted by a consumer yet: the backlog is exactly the ballots' receipts.
    expect(await store.uncounted(campaign.id)).toBe(6);
  });
});
