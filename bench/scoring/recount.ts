/**
 * The recount and ranking at close for 1,000,000 vote records over 80 candidates, timed beside
 * merely reading the same records once (the floor), and beside the floor plus one leaf hash per
 * vote (what the previous leaf encoding cost, for comparison). Each phase runs in its own child
 * process so its peak memory (maxRSS) is its own. Run by hand (not part of npm test):
 *
 *   node --import tsx bench/scoring/recount.ts [votes=1000000] [runs=3]
 *
 * The records are JSON lines in `.tmp/bench/` (generated once) in receipt order, as the ledger
 * gives them, read as a stream: neither phase holds an array of the votes; the recount keeps one
 * counter per candidate and 34 bytes per bucket with votes (merkle.ts).
 */
import { execFileSync } from 'node:child_process';
import { hash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import type { Category } from '../../shared/campaigns/schema';
import { voteRecord } from '../../shared/scoring/merkle';
import { createTallyCounter, type CountedVote } from '../../shared/scoring/recount';
import { rankCandidates } from '../../shared/scoring/scoring';
import { campaign2019 } from '../../shared/campaigns/campaign-2019';

const CANDIDATES = 80;
const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const dir = join(root, '.tmp', 'bench');

const candidateOf = (i: number) => ({
  id: `jingmen-2019.cand${String(i).padStart(3, '0')}`,
  category: (i % 2 === 0 ? 'window' : 'star') as Category,
  district: campaign2019.districts[i % 4]!.id,
});

/**
 * Writes the records once, in receipt order as the ledger gives them: requests of 1 to 5 votes, request ids like the
 * real ones (40 hex digits, uniform over the 65,536 buckets), skewed popularity, 5 voting days.
 */
const generate = async (file: string, n: number) => {
  const out = createWriteStream(file);
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const requests = Math.ceil(n / 3);
  let written = 0;
  for (let r = 0; written < n; r++) {
    const bucket = Math.min(65535, Math.floor((r * 65536) / requests));
    const requestId = `${bucket.toString(16).padStart(4, '0')}${r.toString(16).padStart(12, '0')}${'9e3779b97f4a7c15f39cc060'}`;
    for (let position = 0; position < 1 + (r % 5) && written < n; position++, written++) {
      const c = candidateOf(Math.floor(random() ** 2 * CANDIDATES));
      const line = JSON.stringify({
        receiptId: `${requestId}-${position}`,
        candidateId: c.id,
        category: c.category,
        day: `2019-07-${String(27 + (r % 5)).padStart(2, '0')}`,
      });
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
};

/** The records one by one, parsed, from a stream (the same reader for both phases). */
async function* records(file: string): AsyncGenerator<CountedVote> {
  let rest = '';
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20, encoding: 'utf8' })) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    for (const line of lines) yield JSON.parse(line) as CountedVote;
  }
}

type Phase = 'floor' | 'hashes' | 'recount';

const phase = async (name: Phase, file: string) => {
  let heapPeak = 0;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 20);
  const start = process.hrtime.bigint();
  let summary: string;
  if (name === 'floor') {
    let n = 0;
    for await (const _ of records(file)) n += 1;
    summary = `${n} records read`;
  } else if (name === 'hashes') {
    // The previous encoding's least work, for comparison: the floor plus one leaf hash per vote (node:crypto).
    let n = 0;
    for await (const vote of records(file)) {
      hash('sha256', `\0${voteRecord(vote)}`, 'buffer');
      n += 1;
    }
    summary = `${n} leaf hashes`;
  } else {
    const counter = createTallyCounter();
    for await (const vote of records(file)) counter.add(vote);
    const tally = counter.finish();
    const ranked = rankCandidates(
      Array.from({ length: CANDIDATES }, (_, i) => {
        const c = candidateOf(i);
        return {
          nominationId: c.id,
          category: c.category,
          district: c.district,
          name: c.id,
          disqualified: false,
          votes: tally.votes.get(c.id) ?? 0,
          judgeTotals: [70 + (i % 20), 80, 75, 90 - (i % 7), 65],
        };
      }),
      {
        weights: campaign2019.weights,
        dropExtremesFrom: 5,
        awardQuotas: Object.fromEntries(
          campaign2019.districts.map((d) => [d.id, { window: d.quotas.window.award, star: d.quotas.star.award }]),
        ),
      },
    );
    summary = `${tally.total} votes recounted, root ${tally.root.slice(0, 16)}…, ${ranked.window.filter((r) => r.awardedByRanking).length + ranked.star.filter((r) => r.awardedByRanking).length} winners`;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  clearInterval(sampler);
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  console.log(
    JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, heapPeakMb: heapPeak / 2 ** 20, summary }),
  );
};

const [mode, arg1] = process.argv.slice(2);
if (mode === 'floor' || mode === 'hashes' || mode === 'recount') {
  await phase(mode, arg1!);
} else {
  const n = Number(mode ?? 1_000_000);
  const runs = Number(arg1 ?? 3);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `votes-in-receipt-order-${n}.jsonl`);
  if (!existsSync(file)) {
    console.log(`Generating ${n} records in ${file} ...`);
    await generate(file, n);
  }
  const self = fileURLToPath(import.meta.url);
  const runPhase = (name: string) =>
    JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', self, name, file], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .at(-1)!,
    );
  const results: Record<string, Array<{ ms: number; maxRssMb: number; heapPeakMb: number; summary: string }>> = {
    floor: [],
    hashes: [],
    recount: [],
  };
  for (let i = 0; i < runs; i++) for (const name of ['floor', 'hashes', 'recount']) results[name]!.push(runPhase(name));
  const best = (name: string) => results[name]!.reduce((a, b) => (b.ms < a.ms ? b : a));
  const floor = best('floor');
  const recount = best('recount');
  const hashes = best('hashes');
  console.log(`${n} vote records over ${CANDIDATES} candidates, best of ${runs} runs, Node ${process.version}:`);
  console.log(
    `  floor (read + parse once): ${floor.ms.toFixed(0)} ms, maxRSS ${floor.maxRssMb.toFixed(0)} MB, heap peak ${floor.heapPeakMb.toFixed(0)} MB`,
  );
  console.log(
    `  floor + one leaf hash per vote (the previous encoding, node:crypto): ${hashes.ms.toFixed(0)} ms, ratio to the floor ${(hashes.ms / floor.ms).toFixed(2)}`,
  );
  console.log(
    `  recount + roots + ranking: ${recount.ms.toFixed(0)} ms, maxRSS ${recount.maxRssMb.toFixed(0)} MB, heap peak ${recount.heapPeakMb.toFixed(0)} MB (${recount.summary})`,
  );
  console.log(`  ratio recount / floor: ${(recount.ms / floor.ms).toFixed(2)} (aim < 2)`);
}
