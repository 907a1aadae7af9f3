/**
 * The vote burst and trickle (issues 4 and 9, run by hand, not in `npm test`):
 *
 *   node --import tsx bench/vote-burst/run.ts [--votes 5000] [--connections 50] [--trickle 40]
 *   node --import tsx bench/vote-burst/run.ts --votes 50000 --connections 200 --trickle 200   # full size
 *
 * Starts a local system (bench/vote-burst/serve.ts: the local runner plus two bench-only routes)
 * on random ports with a temp data dir, writes a campaign in `voting` with 40 window and 40 star
 * candidates straight to the table, and then, through the same gateway and SQS client:
 *   1. the floor: POST /bench/floor, the vote's unavoidable I/O (one conditional ballot write, one
 *      SendMessage);
 *   2. the burst: POST /campaigns/{cid}/votes, 10% of the votes duplicates or over the limit, then
 *      the drain (full consumer batches);
 *   3. the trickle: one request of 5 votes at a time, each counted before the next is sent (one
 *      message per consumer run);
 * then checks every counter against the expected count and the ledger. It prints votes/s and
 * requests/s at the API, p50/p99 latency, the vote/floor ratio, the capacity units DynamoDB reports
 * (`ReturnConsumedCapacity: 'TOTAL'`, indexes included) per counted vote for the burst and the
 * trickle, and dollars per million votes (cost.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { readRunningFile, type RunningSystem } from '../../infra/local/running';
import { costAssumptions, formatCodeCost, formatCost } from './cost';
import type { Meter } from './request-counter';

const { values } = parseArgs({
  options: {
    votes: { type: 'string', default: '5000' },
    connections: { type: 'string', default: '50' },
    trickle: { type: 'string', default: '40' },
  },
});
const TOTAL_VOTES = Number(values.votes);
const CONNECTIONS = Number(values.connections);
const TRICKLE = Number(values.trickle);
const ROOT = resolve(import.meta.dirname, '../..');

// ---- the local system ---------------------------------------------------------------------------
const dataDir = mkdtempSync(join(tmpdir(), 'vote-burst-'));
const child = spawn(
  process.execPath,
  ['--openssl-legacy-provider', '--import', 'tsx', 'bench/vote-burst/serve.ts', dataDir],
  {
    cwd: ROOT,
    // The burst comes from one address: lift the per-instance IP velocity limit for it (WAF's job on AWS).
    env: {
      ...process.env,
      VOTE_IP_RATE_PER_MINUTE: '100000000',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
// READY leaves the secrets out; the full environment (VOTER_SECRET signs the voter tokens) is in running.json.
const ready = await new Promise<RunningSystem>((done, fail) => {
  let out = '';
  let found = false;
  child.stdout!.on('data', (chunk: Buffer) => {
    if (found) return; // the gateway logs every request: drain, do not keep
    out += chunk.toString();
    if (out.split('\n').some((l) => l.startsWith('READY '))) {
      found = true;
      done(readRunningFile(dataDir));
    }
  });
  child.stderr!.resume();
  child.once('exit', (code) => fail(new Error(`The local system exited (${code}):\n${out}`)));
});
const stopSystem = async () => {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
};
Object.assign(process.env, ready.env);

try {
  const { votingCampaign, approvedCandidates } = await import('../../test/votes/support/fixtures');
  const { createVoterKeys } = await import('../../shared/voters/voter-keys');
  const { createVoteRepository } = await import('../../shared/votes/vote-repository');

  // ---- the campaign and the plan ------------------------------------------------------------------
  const campaign = await votingCampaign({ voting: { liveCounts: 'live' } });
  const windows = await approvedCandidates(campaign.id, 'window', 40);
  const stars = await approvedCandidates(campaign.id, 'star', 40);
  const keys = createVoterKeys(ready.env.VOTER_SECRET!);
  const now = Date.now();

  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(list: T[], n: number): T[] => {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  };

  // 10% of the votes are refused: 5% duplicates, 5% over the daily limit of 5 per category.
  // Over-limit voters vote for 5 of a reserved pool of 6 window candidates and then for the 6th:
  // which 5 of the 6 count depends on queue order, their sum does not (5 per voter).
  const pool = windows.slice(34);
  const regular = { window: windows.slice(0, 34), star: stars };
  const overVoters = Math.round(TOTAL_VOTES * 0.05);
  const dupRequests = Math.round(TOTAL_VOTES * 0.025);
  const plainVoters = Math.round((TOTAL_VOTES - overVoters * 6 - dupRequests * 7) / 5);
  const requests: Array<{ token: string; candidateIds: string[] }> = [];
  const expected = new Map<string, number>([...windows, ...stars].map((id) => [id, 0]));
  let voterNo = 0;
  const token = () =>
    keys.signToken({
      voterId: keys.voterId(`+86139${String(voterNo++).padStart(8, '0')}`),
      firstSeenAt: new Date(now - 86_400_000),
      issuedAt: new Date(now - 60_000),
      expiresAt: new Date(now + 86_400_000),
    });
  for (let i = 0; i < plainVoters + dupRequests; i++) {
    const category = i % 2 === 0 ? 'window' : 'star';
    const chosen = pick(regular[category], 5);
    for (const id of chosen) expected.set(id, expected.get(id)! + 1);
    const t = token();
    requests.push({ token: t, candidateIds: chosen });
    if (i >= plainVoters) requests.push({ token: t, candidateIds: chosen.slice(0, 2) });
  }
  for (let i = 0; i < overVoters; i++) {
    const t = token();
    requests.push({ token: t, candidateIds: pool.slice(0, 5) }, { token: t, candidateIds: [pool[5]!] });
  }
  const plannedVotes = requests.reduce((n, r) => n + r.candidateIds.length, 0);
  const expectedCounted = [...expected.values()].reduce((a, b) => a + b, 0) + overVoters * 5;
  const shuffled = pick(requests, requests.length);

  // ---- the load generator ---------------------------------------------------------------------------
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const url = new URL(ready.url);
  const post = (path: string, body: string, token?: string) =>
    new Promise<{ status: number; ms: number }>((done, fail) => {
      const started = performance.now();
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => done({ status: res.statusCode ?? 0, ms: performance.now() - started }));
        },
      );
      req.on('error', fail);
      req.end(body);
    });

  const burst = async (label: string, path: string, items: Array<{ token: string; candidateIds: string[] }>) => {
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    let votes = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < items.length) {
          const item = items[next++]!;
          const { status, ms } = await post(path, JSON.stringify({ candidateIds: item.candidateIds }), item.token);
          latencies.push(ms);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status === 202) votes += item.candidateIds.length;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!.toFixed(1);
    const result = {
      label,
      requests: items.length,
      seconds,
      rps: items.length / seconds,
      votesPerSecond: votes / seconds,
      p50: pct(0.5),
      p99: pct(0.99),
      statuses: Object.fromEntries(statuses),
    };
    console.log(
      `${label.padEnd(6)} ${items.length} requests in ${seconds.toFixed(1)} s: ${result.rps.toFixed(0)} requests/s, ${result.votesPerSecond.toFixed(0)} accepted votes/s, p50 ${result.p50} ms, p99 ${result.p99} ms, statuses ${JSON.stringify(result.statuses)}`,
    );
    return result;
  };

  const dynamoCounts = async () => {
    const res = await fetch(`${ready.url}/bench/dynamodb-requests`);
    return (await res.json()) as Meter;
  };
  const units = (a: Meter, b: Meter, key: string) => (b.units[key] ?? 0) - (a.units[key] ?? 0);

  console.log(
    `Vote burst: ${plannedVotes} votes in ${requests.length} requests from ${voterNo} voters, ${CONNECTIONS} connections; expected counted ${expectedCounted}, refused ${plannedVotes - expectedCounted}`,
  );
  // Warm-up: every module loaded, the caches filled, the sockets open.
  const warm = Array.from({ length: 400 }, () => ({ token: token(), candidateIds: [stars[0]!] }));
  await burst('warm', '/bench/floor', warm);
  const sqs = new SQSClient({});
  const depth = async () => {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: ready.env.VOTES_QUEUE_URL!,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
  };
  const warmVotes = warm.map((w) => ({ token: w.token, candidateIds: [w.candidateIds[0]!] }));
  await burst('warm', `/campaigns/${campaign.id}/votes`, warmVotes);
  while ((await depth()) > 0) await sleep(200);
  expected.set(stars[0]!, expected.get(stars[0]!)! + warmVotes.length);

  const beforeFloor = await dynamoCounts();
  const floor = await burst('floor', '/bench/floor', shuffled);
  const before = await dynamoCounts();
  const vote = await burst('vote', `/campaigns/${campaign.id}/votes`, shuffled);
  const sent = performance.now();
  while ((await depth()) > 0) await sleep(100);
  const drainSeconds = (performance.now() - sent) / 1000;
  await sleep(500);
  const afterBurst = await dynamoCounts();

  // The trickle: one request at a time, counted before the next (one message per consumer run).
  const trickleStarted = performance.now();
  for (let i = 0; i < TRICKLE; i++) {
    const chosen = pick(regular[i % 2 === 0 ? 'window' : 'star'], 5);
    for (const id of chosen) expected.set(id, expected.get(id)! + 1);
    const { status } = await post(`/campaigns/${campaign.id}/votes`, JSON.stringify({ candidateIds: chosen }), token());
    if (status !== 202) throw new Error(`trickle request refused: ${status}`);
    while ((await depth()) > 0) await sleep(50);
  }
  const trickleSeconds = (performance.now() - trickleStarted) / 1000;
  await sleep(500);
  const after = await dynamoCounts();

  // ---- exactness ---------------------------------------------------------------------------------------
  const votes = createVoteRepository({ tableName: ready.env.TABLE_NAME! });
  const counters = new Map<string, number>();
  for (const row of await votes.counters(campaign.id, [...expected.keys()]))
    counters.set(row.candidateId, (counters.get(row.candidateId) ?? 0) + row.votes);
  const statuses = new Map<string, number>();
  const ledgerCounted = new Map<string, number>();
  for await (const req of votes.ledgerRequests(campaign.id)) {
    for (const r of req.receipts) {
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (r.status === 'counted') ledgerCounted.set(r.candidateId, (ledgerCounted.get(r.candidateId) ?? 0) + 1);
    }
  }
  const mismatches = [...expected].filter(([id, n]) => !pool.includes(id) && (counters.get(id) ?? 0) !== n);
  const poolSum = pool.reduce((s, id) => s + (counters.get(id) ?? 0), 0);
  const ledgerMismatches = [...expected.keys()].filter(
    (id) => (counters.get(id) ?? 0) !== (ledgerCounted.get(id) ?? 0),
  );
  const counted = [...counters.values()].reduce((a, b) => a + b, 0) - warmVotes.length - TRICKLE * 5;
  const exact =
    mismatches.length === 0 &&
    poolSum === overVoters * 5 &&
    ledgerMismatches.length === 0 &&
    counted === expectedCounted;

  const phase = (from: Meter, to: Meter, votes: number, requests: number) => ({
    votes,
    requests,
    consumerRuns: to.laneWrites - from.laneWrites,
    wcu: units(from, to, 'vote.write') + units(from, to, 'consumer.write'),
    rcu: units(from, to, 'vote.read') + units(from, to, 'consumer.read'),
    voteWcu: units(from, to, 'vote.write'),
    voteRcu: units(from, to, 'vote.read'),
    consumerRcu: units(from, to, 'consumer.read'),
    otherRcu: units(from, to, 'other.read'),
  });
  const burstPhase = phase(before, afterBurst, counted, shuffled.length);
  const tricklePhase = phase(afterBurst, after, TRICKLE * 5, TRICKLE);
  const capacityLine = (label: string, p: ReturnType<typeof phase>) =>
    `${label.padEnd(8)} ${(p.wcu / p.votes).toFixed(3)} WCU per counted vote (vote path ${(p.voteWcu / p.votes).toFixed(3)}, consumer ${((p.wcu - p.voteWcu) / p.votes).toFixed(3)}); ${(p.voteRcu / p.requests).toFixed(3)} RCU per request on the vote path, ${(p.consumerRcu / p.requests).toFixed(3)} in the consumer (${(p.otherRcu / p.requests).toFixed(3)} by the scheduled workers, not counted); ${p.consumerRuns} consumer runs for ${p.requests} requests`;
  const floorWcu = units(beforeFloor, before, 'vote.write') / shuffled.length;

  const cpu = cpus();
  console.log('');
  console.log(`date       ${new Date().toISOString()}`);
  console.log(
    `machine    ${cpu.length} x ${cpu[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `vote path  ${vote.votesPerSecond.toFixed(0)} accepted votes/s, ${vote.rps.toFixed(0)} requests/s, p50 ${vote.p50} ms, p99 ${vote.p99} ms`,
  );
  console.log(
    `floor      ${floor.rps.toFixed(0)} requests/s (one conditional ballot write and one SendMessage per request, ${floorWcu.toFixed(2)} WCU), p50 ${floor.p50} ms, p99 ${floor.p99} ms`,
  );
  console.log(`ratio      ${(vote.rps / floor.rps).toFixed(2)} of the floor (target >= 0.8)`);
  console.log(
    `drain      ${drainSeconds.toFixed(1)} s after the last request (${(vote.seconds + drainSeconds).toFixed(1)} s from the first); trickle ${TRICKLE} requests in ${trickleSeconds.toFixed(1)} s`,
  );
  console.log(
    `statuses   ${JSON.stringify(Object.fromEntries(statuses))} (warm-up ${warmVotes.length} and trickle ${TRICKLE * 5} counted included)`,
  );
  console.log(
    `exact      ${exact ? 'yes' : 'NO'}: burst counted ${counted} of ${expectedCounted} expected; ${mismatches.length} candidate(s) off; reserved pool ${poolSum} of ${overVoters * 5}; counters vs ledger ${ledgerMismatches.length} off`,
  );
  console.log(
    `capacity   (ReturnConsumedCapacity TOTAL, indexes included; targets: burst <= 1.2, trickle <= 2.5 WCU per counted vote, <= 0.5 RCU per request on the vote path at trickle)`,
  );
  console.log(`           ${capacityLine('burst', burstPhase)}`);
  console.log(`           ${capacityLine('trickle', tricklePhase)}`);
  // Where the units go, item kind by item kind: units per counted vote (requests, units per request).
  const byKind = (label: string, from: Meter, to: Meter, per: number, rw: 'write' | 'read') =>
    `${label.padEnd(8)} ${Object.keys(to.kinds)
      .filter((k) => k.endsWith(`.${rw}`) && (to.kinds[k] ?? 0) > (from.kinds[k] ?? 0))
      .sort()
      .map((k) => {
        const u = (to.kinds[k] ?? 0) - (from.kinds[k] ?? 0);
        const n = (to.kindRequests[k] ?? 0) - (from.kindRequests[k] ?? 0);
        return `${k.replace(`.${rw}`, '')} ${(u / per).toFixed(3)} (${n} x ${(u / n).toFixed(2)})`;
      })
      .join(', ')}`;
  console.log('WCU kinds  (per counted vote; write requests x WCU each, a batch write counting once)');
  console.log(`           ${byKind('burst', before, afterBurst, counted, 'write')}`);
  console.log(`           ${byKind('trickle', afterBurst, after, TRICKLE * 5, 'write')}`);
  console.log('RCU kinds  (per request at trickle, every path: read requests x RCU each)');
  console.log(`           ${byKind('trickle', afterBurst, after, TRICKLE, 'read')}`);
  console.log(`cost       ${costAssumptions()}`);
  for (const line of [...formatCost('burst', burstPhase), ...formatCost('trickle', tricklePhase), formatCodeCost()])
    console.log(`           ${line}`);
  if (!exact) process.exitCode = 1;
} finally {
  await stopSystem();
}
