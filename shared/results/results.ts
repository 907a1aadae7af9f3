/**
 * Scoring at close and what follows (notice 七(三), 七(四)): once the campaign's own vote backlog is 0 (every vote accepted at the door counted; votes-backlog.ts), the
 * stored votes are recounted (the recount wins over the live counters, and any difference is
 * reported to admins), each candidate scored and ranked, the winners picked within each district's
 * award quota, and the whole written as an immutable, versioned snapshot with its published files.
 * Then: the results view (admins from scoring, everyone from announcement), award overrides with a
 * reason (announcement only), published in overrides.json beside results.json, and the links to
 * the published files.
 */
import { hasReached } from '../campaigns/schema';
import { type Actor, hasRole } from '../auth/actor';
import type { AuditEntry } from '../audit/audit';
import type { CampaignRepository } from '../campaigns/campaign-repository';
import { getCampaign, outcomeConfig, outcomeConfigHash } from '../campaigns/campaigns';
import { CATEGORIES, CATEGORY_NAMES, STAGE_NAMES, type Campaign, type Category, type Stage } from '../campaigns/schema';
import type { FactsContributor, VotesBacklog } from '../campaigns/stage-facts';
import { ConflictError, DomainError, NotFoundError, RuleViolationError, say } from '../errors';
import type { Candidate, CandidateSource } from '../judging/candidates';
import { countedScores, loadJudgingState } from '../judging/judging';
import type { JudgingRepository } from '../judging/judging-repository';
import { recountVotes, type CountedVote } from '../scoring/recount';
import { display, methodText, rankCandidates } from '../scoring/scoring';
import {
  finalAward,
  latestOverrides,
  overridesDocumentText,
  RESULTS_FORMAT,
  resultsDocumentSchema,
  rulesOf,
  sha256,
  type PublishedCandidate,
  type ResultsDocument,
} from './document';
import { resultKeys, type ResultFiles } from './result-files';
import type { Override, ResultsJob, ResultsRepository, Snapshot } from './results-repository';
import { VOTES_CSV_HEADER, votesCsvLine } from './exports';
import { certificateHtml, certificatesHtml, type CertificateOf } from './certificate';

/** The counted votes as the voting concept stores them. */
export interface VoteLedger {
  /**
   * Every counted vote of the campaign (voided ones excluded), or those whose receipt id starts with the prefix,
   * streamed page by page in receipt order (merkle.ts).
   */
  counted(cid: string, receiptIdPrefix?: string): AsyncIterable<CountedVote>;
  /** The live counters per candidate id, as the tally consumer kept them. */
  liveCounts(cid: string): Promise<Map<string, number>>;
  /** How many votes were voided (they are in the void ledger, not in the list). */
  voidedCount(cid: string): Promise<number>;
}

export interface ResultsDeps {
  campaigns: CampaignRepository;
  judging: JudgingRepository;
  candidates: CandidateSource;
  votes: VoteLedger;
  votesBacklog: VotesBacklog;
  results: ResultsRepository;
  files: ResultFiles;
  now?: () => Date;
}

type ViewDeps = Pick<ResultsDeps, 'campaigns' | 'results' | 'candidates'>;

const computedInScoring = (stage: Stage) =>
  say(
    `结果只在“计票评分”阶段计算，评选活动现处于“${STAGE_NAMES[stage]}”阶段`,
    `Results are computed in scoring; the campaign is in ${stage}`,
  );

const notInResults = (nid: string) =>
  new NotFoundError(say(`结果中没有候选对象 ${nid}`, `No candidate ${nid} in the results`));

const reached = (campaign: Campaign, stage: Stage) => hasReached(campaign.stage, stage);
const isAdmin = (actor?: Actor) => (actor ? hasRole(actor, 'admin') : false);

/**
 * How long a computation's claim holds: the compute worker's timeout (its `timeoutSeconds` in
 * functions/results/compute-results.ts, the Lambda maximum), so a run past its lease is surely dead. Only
 * the worker claims: a request through the API records a job and returns at once.
 */
export const RESULTS_CLAIM_LEASE_MS = 15 * 60 * 1000;

/** How often a running computation records how many votes it has read. */
const PROGRESS_EVERY_VOTES = 20_000;

/** What a computation tells its job as it goes. */
export interface ComputeProgress {
  /** The claim is taken: the computation of `version` has started. */
  started(version: number): Promise<void>;
  /** `votes` counted votes read so far. */
  read(votes: number): Promise<void>;
}

/**
 * Computes a new results version: only in `scoring`, only once no vote is in flight or
 * dead-lettered and no void is under way, and only by one run at a time per campaign (a
 * concurrent run gets 409 RESULTS_BUSY before it writes any file); recount, compare with the live
 * counters, rank, publish, snapshot. The snapshot records the vote ledger version read before the
 * votes were, so a void finishing later leaves these results behind (stage precondition `results-ready`).
 */
export const computeResults = async (
  cid: string,
  computedBy: string,
  deps: ResultsDeps,
  progress?: ComputeProgress,
): Promise<Snapshot> => {
  const campaign = await getCampaign(cid, deps);
  if (campaign.stage !== 'scoring') {
    throw new ConflictError('WRONG_STAGE', computedInScoring(campaign.stage), { stage: campaign.stage });
  }
  if ((campaign.voidsPending ?? 0) > 0) {
    throw new ConflictError(
      'VOIDS_PENDING',
      say(
        `有 ${campaign.voidsPending} 项作废正在处理，待其完成后再计算结果`,
        `${campaign.voidsPending} void(s) under way: the results wait until they have finished`,
      ),
    );
  }
  const backlog = await deps.votesBacklog(cid);
  if (backlog.inFlight > 0 || backlog.deadLettered > 0) {
    throw new ConflictError(
      'VOTES_IN_FLIGHT',
      say(
        `仍有投票未计入：${backlog.inFlight} 票尚未计票，${backlog.deadLettered} 个请求计票失败（请先重试：POST .../dead-votes/retry）`,
        `Votes are still on their way: ${backlog.inFlight} in flight (accepted, not yet counted), ${backlog.deadLettered} dead-lettered request(s) (retry them first: POST .../dead-votes/retry)`,
      ),
      backlog,
    );
  }
  const now = (deps.now ?? (() => new Date()))();
  const at = now.toISOString();
  const version = ((await deps.results.latest(cid))?.version ?? 0) + 1;
  const claimId = await deps.results.claim(cid, {
    version,
    by: computedBy,
    at,
    leaseUntil: now.getTime() + RESULTS_CLAIM_LEASE_MS,
  });
  try {
    await progress?.started(version);
    return await publishVersion(campaign, { version, at, computedBy, claimId }, deps, progress);
  } catch (error) {
    // Best effort: should the release fail too, the lease runs out.
    await deps.results.release(cid, claimId).catch(() => undefined);
    throw error;
  }
};

/** Recounts, ranks, writes the files of `version` and its snapshot, under this run's claim. */
const publishVersion = async (
  campaign: Campaign,
  { version, at, computedBy, claimId }: { version: number; at: string; computedBy: string; claimId: string },
  deps: ResultsDeps,
  progress?: ComputeProgress,
): Promise<Snapshot> => {
  const cid = campaign.id;
  const keys = resultKeys(cid, version);

  const [state, live, voided] = await Promise.all([
    loadJudgingState(campaign, deps),
    deps.votes.liveCounts(cid),
    deps.votes.voidedCount(cid),
  ]);
  const jsonl = deps.files.lines(keys.votes, 'application/x-ndjson; charset=utf-8');
  const csv = deps.files.lines(keys.votesCsv, 'text/csv; charset=utf-8', '\r\n');
  let tally;
  let votesFile;
  try {
    await csv.write(VOTES_CSV_HEADER);
    let read = 0;
    tally = await recountVotes(deps.votes.counted(cid), async (v) => {
      await jsonl.write(
        JSON.stringify({ receiptId: v.receiptId, candidateId: v.candidateId, category: v.category, day: v.day }),
      );
      await csv.write(votesCsvLine(v));
      read += 1;
      if (progress && read % PROGRESS_EVERY_VOTES === 0) await progress.read(read);
    });
    await progress?.read(read);
    [votesFile] = await Promise.all([jsonl.close(), csv.close()]);
  } catch (error) {
    await Promise.all([jsonl.abort(), csv.abort()]);
    throw error;
  }

  const mismatches = [...new Set([...live.keys(), ...tally.votes.keys()])]
    .map((candidateId) => ({
      candidateId,
      live: live.get(candidateId) ?? 0,
      recounted: tally.votes.get(candidateId) ?? 0,
    }))
    .filter((m) => m.live !== m.recounted);

  const config = outcomeConfig(campaign.config);
  const scores = countedScores(state);
  const ranked = rankCandidates(
    state.candidates.map((c) => ({
      nominationId: c.nominationId,
      category: c.category,
      district: c.district,
      name: c.name,
      disqualified: c.disqualified,
      votes: tally.votes.get(c.nominationId) ?? 0,
      judgeTotals: (scores.get(c.nominationId) ?? []).map((s) => s.total).sort((a, b) => a - b),
    })),
    rulesOf(config),
  );
  const method = methodText(rulesOf(config));
  const document: ResultsDocument = {
    format: RESULTS_FORMAT,
    campaignId: cid,
    name: campaign.config.name,
    year: campaign.config.year,
    version,
    computedAt: at,
    configHash: campaign.frozenConfigHash ?? outcomeConfigHash(campaign.config),
    config,
    districtNames: Object.fromEntries(campaign.config.districts.map((d) => [d.id, d.name])),
    method: method.zh,
    methodEn: method.en,
    tally: {
      total: tally.total,
      voided,
      root: tally.root,
      categories: Object.fromEntries(
        CATEGORIES.map((c) => [c, { votes: tally.categories[c].votes, root: tally.categories[c].root }]),
      ) as ResultsDocument['tally']['categories'],
      votesFile: { name: 'votes.jsonl', sha256: votesFile.sha256, lines: votesFile.lines },
    },
    categories: ranked,
  };
  const text = JSON.stringify(document, null, 2);
  await Promise.all([
    deps.files.put(keys.results, text, 'application/json; charset=utf-8'),
    deps.files.put(keys.overrides, overridesDocumentText(text, document, [], []), 'application/json; charset=utf-8'),
    ...CATEGORIES.map((c) => deps.files.put(keys.leaves[c], tally.categories[c].leaves, 'application/octet-stream')),
  ]);
  const snapshot: Snapshot = {
    campaignId: cid,
    version,
    computedAt: at,
    computedBy,
    ledgerVersion: campaign.ledgerVersion ?? 0,
    document: text,
    files: keys,
    recount: { mismatches },
  };
  const entry = (action: string, details: Record<string, unknown>): Omit<AuditEntry, 'id'> => ({
    campaignId: cid,
    at,
    by: computedBy,
    action,
    details,
  });
  await deps.results.putSnapshot(
    snapshot,
    [
      entry('results.computed', { version, votes: tally.total, root: tally.root }),
      ...(mismatches.length > 0 ? [entry('results.recount-mismatch', { version, mismatches })] : []),
    ],
    claimId,
  );
  return snapshot;
};

/**
 * POST .../results/compute: an admin asks for a new results version in `scoring`. Records the
 * request (or joins the one queued or running) and returns at once; the worker computes it.
 */
export const requestComputation = async (
  cid: string,
  actor: Actor,
  deps: Pick<ResultsDeps, 'campaigns' | 'results' | 'now'>,
): Promise<ResultsJob> => {
  const campaign = await getCampaign(cid, deps, actor);
  if (campaign.stage !== 'scoring') {
    throw new ConflictError('WRONG_STAGE', computedInScoring(campaign.stage), { stage: campaign.stage });
  }
  return deps.results.requestJob(cid, actor.username, (deps.now ?? (() => new Date()))().toISOString());
};

/** GET .../results/compute: the newest computation request and its progress (admins). */
export const computationStatus = async (
  cid: string,
  actor: Actor,
  deps: Pick<ResultsDeps, 'campaigns' | 'results'>,
): Promise<ResultsJob> => {
  await getCampaign(cid, deps, actor);
  const job = await deps.results.job(cid);
  if (!job)
    throw new NotFoundError(
      say(`评选活动 ${cid} 尚未请求计算结果`, `No results computation has been requested for ${cid}`),
    );
  return job;
};

/** Computation requests that wait rather than fail: they start at a later tick. */
const WAITS = new Set(['VOTES_IN_FLIGHT', 'VOIDS_PENDING']);

/** Runs one requested computation, recording its progress and outcome on the job. */
const runJob = async (cid: string, job: ResultsJob, deps: ResultsDeps) => {
  const at = () => (deps.now ?? (() => new Date()))().toISOString();
  const update = (changes: Partial<ResultsJob>) => deps.results.updateJob(cid, job.jobId, changes);
  try {
    const snapshot = await computeResults(cid, job.requestedBy, deps, {
      started: () =>
        update({ state: 'running', startedAt: at(), votesRead: 0, waiting: undefined, waitingEn: undefined }),
      read: (votes) => update({ votesRead: votes }),
    });
    await update({ state: 'done', finishedAt: at(), version: snapshot.version });
    return { id: cid, computed: true, why: `version ${snapshot.version}` };
  } catch (error) {
    const code = error instanceof ConflictError ? error.code : undefined;
    const why = error instanceof Error ? error.message : String(error);
    // What the office reads: a refusal's own words, or what went wrong as it was reported.
    const text = error instanceof DomainError ? error.text : say(`计算出错：${why}`, why);
    // Another run holds the claim: it records the outcome (or, crashed, its lease runs out and a later tick takes
    // over).
    if (code === 'RESULTS_BUSY') return { id: cid, computed: false, why };
    if (code && WAITS.has(code)) {
      // A running job is another run's: it goes on; a queued one says why it waits.
      if (job.state === 'queued') await update({ waiting: text.zh, waitingEn: text.en });
      return { id: cid, computed: false, why };
    }
    await update({ state: 'failed', finishedAt: at(), error: text.zh, errorEn: text.en });
    return { id: cid, computed: false, why, failed: true };
  }
};

/**
 * The worker (the clock tick): for each campaign in `scoring`, runs the computation requested
 * (queued, or running in a run that crashed: its claim's lease has run out), and requests the
 * first one itself for a campaign that has no results yet.
 */
export const computeDueResults = async (
  deps: ResultsDeps,
): Promise<Array<{ id: string; computed: boolean; why?: string; failed?: boolean }>> => {
  const outcomes = [];
  for (const campaign of await deps.campaigns.list()) {
    if (campaign.stage !== 'scoring') continue;
    let job = await deps.results.job(campaign.id);
    if (!job || job.state === 'done' || job.state === 'failed') {
      if (job || (await deps.results.latest(campaign.id))) continue;
      job = await deps.results.requestJob(campaign.id, 'schedule', (deps.now ?? (() => new Date()))().toISOString());
    }
    outcomes.push(await runJob(campaign.id, job, deps));
  }
  return outcomes;
};

/**
 * The results' part of the stage facts: the newest results and the ledger version they cover (read in `scoring` only).
 */
export const resultsFactsContributor =
  (results: Pick<ResultsRepository, 'latest'>): FactsContributor =>
  async (campaign) => {
    if (campaign.stage !== 'scoring') return {};
    const latest = await results.latest(campaign.id);
    return latest
      ? {
          latestResults: {
            version: latest.version,
            ledgerVersion: latest.ledgerVersion,
            computedAt: latest.computedAt,
          },
        }
      : {};
  };

/** A candidate's standing after overrides and later disqualifications. */
export interface ResultRow extends PublishedCandidate {
  /** Awarded after overrides (and never when disqualified since). */
  awardedFinal: boolean;
  override: Override | null;
  disqualifiedSince: boolean;
}

export interface ResultsState {
  campaign: Campaign;
  snapshot: Snapshot;
  document: ResultsDocument;
  overrides: Override[];
  rows: Record<Category, ResultRow[]>;
}

/** The latest results with overrides applied; 404 before they are visible to the caller or computed. */
export const loadResults = async (cid: string, actor: Actor | undefined, deps: ViewDeps): Promise<ResultsState> => {
  const campaign = await getCampaign(cid, deps, actor);
  const visible = reached(campaign, 'announcement') || (isAdmin(actor) && reached(campaign, 'scoring'));
  if (!visible)
    throw new NotFoundError(
      say(
        `评选活动 ${cid} 的结果尚未公布（自“命名表彰公示”阶段起公布）`,
        `The results of ${cid} are not public yet (they are from announcement)`,
      ),
    );
  const snapshot = await deps.results.latest(cid);
  if (!snapshot)
    throw new NotFoundError(say(`评选活动 ${cid} 的结果尚未计算`, `The results of ${cid} have not been computed yet`));
  const document = resultsDocumentSchema.parse(JSON.parse(snapshot.document));
  const [overrides, candidates] = await Promise.all([deps.results.listOverrides(cid), deps.candidates(cid)]);
  const disqualifiedNow = new Set(candidates.filter((c) => c.disqualified).map((c) => c.nominationId));
  const latest = latestOverrides(overrides);
  const rows = Object.fromEntries(
    CATEGORIES.map((category) => [
      category,
      document.categories[category].map((row): ResultRow => {
        const override = latest.get(row.nominationId);
        const disqualifiedSince = !row.disqualified && disqualifiedNow.has(row.nominationId);
        return {
          ...row,
          override: override ?? null,
          disqualifiedSince,
          awardedFinal: finalAward(row, override, disqualifiedSince),
        };
      }),
    ]),
  ) as Record<Category, ResultRow[]>;
  return { campaign, snapshot, document, overrides, rows };
};

/**
 * The overrides.json the results state publishes: every override, oldest first, and the candidates disqualified since.
 */
const overridesFile = ({ snapshot, document, overrides, rows }: ResultsState) => {
  const disqualifiedSince = CATEGORIES.flatMap((c) =>
    rows[c].filter((r) => r.disqualifiedSince).map((r) => r.nominationId),
  );
  const text = overridesDocumentText(snapshot.document, document, overrides, disqualifiedSince);
  return { name: 'overrides.json', text, sha256: sha256(text) };
};

/** One candidate as the results view shows it: figures rounded for display, award after overrides. */
const viewRow = (r: ResultRow, document: ResultsDocument) => ({
  rank: r.rank,
  tie: r.tie,
  tieAtQuota: r.tieAtQuota,
  nominationId: r.nominationId,
  name: r.name,
  district: r.district,
  districtName: document.districtNames[r.district] ?? r.district,
  votes: r.votes,
  judgeTotals: r.judgeTotals,
  keptTotals: r.keptTotals,
  votePart: display(r.votePart),
  expertPart: display(r.expertPart),
  total: display(r.total),
  awardedByRanking: r.awardedByRanking,
  awarded: r.awardedFinal,
  override: r.override,
  disqualified: r.disqualified || r.disqualifiedSince,
});

/** GET results: per category every figure (rounded for display), the method, the roots and the overrides. */
export const viewResults = async (cid: string, actor: Actor | undefined, deps: ViewDeps) => {
  const state = await loadResults(cid, actor, deps);
  const { campaign, snapshot, document, overrides, rows } = state;
  const published = overridesFile(state);
  return {
    campaignId: cid,
    name: document.name,
    year: document.year,
    stage: campaign.stage,
    version: document.version,
    computedAt: document.computedAt,
    configHash: document.configHash,
    method: document.method,
    // Documents computed before the method was bilingual hold only the English, as `method`.
    methodEn: document.methodEn ?? document.method,
    weights: document.config.weights,
    dropExtremesFrom: document.config.judging.dropExtremesFrom,
    tally: document.tally,
    categories: Object.fromEntries(
      CATEGORIES.map((category) => [category, rows[category].map((r) => viewRow(r, document))]),
    ) as Record<Category, Array<ReturnType<typeof viewRow>>>,
    overrides,
    /** The published overrides.json (the overrides above and the candidates disqualified since), by its SHA-256. */
    overridesFile: { name: published.name, sha256: published.sha256 },
    ...(isAdmin(actor) ? { recount: snapshot.recount } : {}),
  };
};

/**
 * An admin overrides an award in `announcement`, with a reason, recorded and shown beside the
 * result. A disqualified candidate is never awarded, and no district exceeds its award quota: the
 * quota is checked on the overrides read here, and the write commits only if none came since.
 */
export const recordOverride = async (
  cid: string,
  body: { nominationId: string; awarded: boolean; reason: string },
  actor: Actor,
  deps: ViewDeps & { now?: () => Date },
): Promise<Override> => {
  const { campaign, document, rows, overrides } = await loadResults(cid, actor, deps);
  if (campaign.stage !== 'announcement') {
    throw new ConflictError(
      'WRONG_STAGE',
      say(
        `只有在“命名表彰公示”阶段才能改判，评选活动现处于“${STAGE_NAMES[campaign.stage]}”阶段`,
        `Awards can be overridden only in announcement; the campaign is in ${campaign.stage}`,
      ),
      { stage: campaign.stage },
    );
  }
  const all = CATEGORIES.flatMap((c) => rows[c]);
  const row = all.find((r) => r.nominationId === body.nominationId);
  if (!row) throw notInResults(body.nominationId);
  if (body.awarded) {
    if (row.disqualified || row.disqualifiedSince)
      throw new RuleViolationError(
        'CANDIDATE_DISQUALIFIED',
        say(`候选对象 ${row.nominationId} 已被取消资格`, `Candidate ${row.nominationId} is disqualified`),
      );
    const quota = rulesOf(document.config).awardQuotas[row.district]?.[row.category] ?? 0;
    const taken = all.filter(
      (r) =>
        r.awardedFinal &&
        r.district === row.district &&
        r.category === row.category &&
        r.nominationId !== row.nominationId,
    ).length;
    if (taken + 1 > quota) {
      throw new RuleViolationError(
        'AWARD_QUOTA_EXCEEDED',
        say(
          `${row.district} 的${CATEGORY_NAMES[row.category]}表彰名额共 ${quota} 个，已全部占用，请先撤销一个`,
          `District ${row.district} has ${quota} award place(s) (表彰名额) for ${row.category}, all taken; withdraw one first`,
        ),
        {
          district: row.district,
          category: row.category,
          quota,
        },
      );
    }
  }
  const at = (deps.now ?? (() => new Date()))().toISOString();
  const override: Override = { ...body, by: actor.username, at, resultsVersion: document.version };
  await deps.results.putOverride(
    cid,
    override,
    {
      campaignId: cid,
      at,
      by: actor.username,
      action: 'results.award-overridden',
      subject: body.nominationId,
      reason: body.reason,
      details: { awarded: body.awarded, before: row.awardedFinal },
    },
    overrides.length,
  );
  return override;
};

/**
 * The clock tick's other part: brings each public results version's overrides.json up to date with
 * the recorded overrides and later disqualifications. Only this worker writes published files.
 */
export const publishOverridesFiles = async (deps: ViewDeps & Pick<ResultsDeps, 'files'>): Promise<string[]> => {
  const updated: string[] = [];
  for (const campaign of await deps.campaigns.list()) {
    if (!reached(campaign, 'announcement') || !(await deps.results.latest(campaign.id))) continue;
    const state = await loadResults(campaign.id, undefined, deps);
    const { text } = overridesFile(state);
    if ((await deps.files.get(state.snapshot.files.overrides))?.toString('utf8') === text) continue;
    await deps.files.put(state.snapshot.files.overrides, text, 'application/json; charset=utf-8');
    updated.push(campaign.id);
  }
  return updated;
};

/**
 * Presigned links to the published files (results.json, votes.jsonl, overrides.json), visible as
 * the results are. Reads only: overrides.json is the one the clock tick last published (`current`
 * false while a newer override waits for the next tick, a minute at most).
 */
export const publishedFileLinks = async (
  cid: string,
  actor: Actor | undefined,
  deps: ViewDeps & Pick<ResultsDeps, 'files'>,
) => {
  const state = await loadResults(cid, actor, deps);
  const { snapshot, document } = state;
  const expected = overridesFile(state);
  const stored = (await deps.files.get(snapshot.files.overrides))?.toString('utf8') ?? '';
  const expiresInSeconds = 900;
  return {
    version: document.version,
    expiresInSeconds,
    results: {
      url: await deps.files.link(snapshot.files.results, expiresInSeconds),
      name: 'results.json',
      sha256: sha256(snapshot.document),
    },
    votes: { url: await deps.files.link(snapshot.files.votes, expiresInSeconds), ...document.tally.votesFile },
    overrides: {
      url: await deps.files.link(snapshot.files.overrides, expiresInSeconds),
      name: expected.name,
      sha256: sha256(stored),
      count: state.overrides.length,
      current: stored === expected.text,
    },
    verify:
      'Save the three files, then run this from a clone of the project repository with the paths you saved them to: npm run verify-tally -- ~/Downloads/results.json ~/Downloads/votes.jsonl ~/Downloads/overrides.json',
  };
};

/** The votes CSV of the newest results (written by the worker beside votes.jsonl), as a presigned link. */
export const votesExportLink = async (cid: string, actor: Actor, deps: ViewDeps & Pick<ResultsDeps, 'files'>) => {
  const { snapshot, document } = await loadResults(cid, actor, deps);
  const expiresInSeconds = 900;
  return {
    version: document.version,
    name: `votes-${cid}-v${document.version}.csv`,
    rows: document.tally.votesFile.lines,
    expiresInSeconds,
    url: await deps.files.link(snapshot.files.votesCsv, expiresInSeconds),
  };
};

/** The final winners (awarded after overrides, never the disqualified), by category, then district as configured, then rank. */
export const finalWinners = ({ document, rows }: Pick<ResultsState, 'document' | 'rows'>): ResultRow[] => {
  const districtOrder = document.config.districts.map((d) => d.id);
  return CATEGORIES.flatMap((category) =>
    rows[category]
      .filter((r) => r.awardedFinal)
      .sort(
        (a, b) =>
          districtOrder.indexOf(a.district) - districtOrder.indexOf(b.district) || (a.rank ?? 0) - (b.rank ?? 0),
      ),
  );
};

/** A winner's certificate: the name and the unit the candidate's materials give. */
const certificateOf = (row: ResultRow, year: number, candidates: Candidate[]): CertificateOf => {
  const unit = candidates
    .find((c) => c.nominationId === row.nominationId)
    ?.materials.find((m) => m.key === 'workUnit')?.value;
  return { category: row.category, year, name: row.name, ...(typeof unit === 'string' ? { unit } : {}) };
};

/** The printable certificate of a final winner, once the campaign is `awarded`. */
export const certificateFor = async (
  cid: string,
  nid: string,
  actor: Actor,
  deps: ViewDeps,
  lang: 'zh' | 'en' = 'zh',
): Promise<string> => {
  const { campaign, document, rows } = await loadResults(cid, actor, deps);
  if (campaign.stage !== 'awarded')
    throw new ConflictError(
      'WRONG_STAGE',
      say(
        `证书在“表彰确定”阶段方可打印，评选活动现处于“${STAGE_NAMES[campaign.stage]}”阶段`,
        `Certificates are printed once the campaign is awarded; it is in ${campaign.stage}`,
      ),
    );
  const row = CATEGORIES.flatMap((c) => rows[c]).find((r) => r.nominationId === nid);
  if (!row) throw notInResults(nid);
  if (!row.awardedFinal)
    throw new ConflictError('NOT_A_WINNER', say(`${row.name}未获表彰`, `${row.name} was not awarded`));
  return certificateHtml(certificateOf(row, document.year, await deps.candidates(cid)), lang);
};

/**
 * Every final winner's certificate in one printable document (one A4 landscape sheet each), for admins from
 * `announcement` on (the office prints them before the ceremony).
 */
export const allCertificates = async (cid: string, actor: Actor, deps: ViewDeps): Promise<string> => {
  const state = await loadResults(cid, actor, deps);
  if (!reached(state.campaign, 'announcement'))
    throw new ConflictError(
      'WRONG_STAGE',
      say(
        `获奖结果公布后才能打印全部证书；评选活动现处于“${STAGE_NAMES[state.campaign.stage]}”阶段`,
        `All certificates are printed from the announcement stage on; the campaign is in ${state.campaign.stage}`,
      ),
    );
  const candidates = await deps.candidates(cid);
  return certificatesHtml(
    `${state.document.year}年度荆门市窗口行业优质服务窗口、优质服务明星荣誉证书`,
    finalWinners(state).map((row) => certificateOf(row, state.document.year, candidates)),
  );
};
