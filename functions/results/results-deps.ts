/**
 * What the results use cases need, built from adapters: the view (campaign, snapshots, candidates) and, to compute, the
 * judging, the vote ledger and the backlog.
 */
import { nominationCandidates } from '../../shared/judging/candidates';
import type { ResultsDeps, VoteLedger } from '../../shared/results/results';
import { createVoteRecords } from '../../shared/votes/vote-records';
import type { DepsOf } from '../runtime/adapter';
import { campaigns, judging, nominations, results, resultFiles, votes, votesBacklog } from '../runtime/adapters';

/** The adapters of routes that only show results; a route that writes names `results.write` instead. */
export const resultsViewUses = { campaigns: campaigns.read, results: results.read, nominations: nominations.read };

export const resultsViewDeps = (deps: DepsOf<typeof resultsViewUses>) => ({
  campaigns: deps.campaigns,
  results: deps.results,
  candidates: nominationCandidates(deps.nominations),
});

/** The adapters a results computation uses (the compute route and the schedule worker). */
export const computeResultsUses = {
  campaigns: campaigns.read,
  judging: judging.read,
  nominations: nominations.read,
  votes: votes.read,
  votesBacklog: votesBacklog.read,
  results: results.write,
  resultFiles: resultFiles.write,
};

export const resultsDeps = (deps: DepsOf<typeof computeResultsUses>): ResultsDeps => {
  const candidates = nominationCandidates(deps.nominations);
  // Only `counted` and `voided` are read here; receipt lookups (which need the voter secret) are the votes concept's.
  const records = createVoteRecords({ votes: deps.votes, isOwnRequestId: () => false });
  const ledger: VoteLedger = {
    counted: (cid, prefix) => records.counted(cid, prefix),
    async liveCounts(cid) {
      const ids = (await candidates(cid)).map((c) => c.nominationId);
      const live = new Map<string, number>();
      for (const row of await deps.votes.counters(cid, ids))
        live.set(row.candidateId, (live.get(row.candidateId) ?? 0) + row.votes);
      return live;
    },
    async voidedCount(cid) {
      let n = 0;
      for await (const _ of records.voided(cid)) n += 1;
      return n;
    },
  };
  return {
    campaigns: deps.campaigns,
    judging: deps.judging,
    candidates,
    votes: ledger,
    votesBacklog: deps.votesBacklog,
    results: deps.results,
    files: deps.resultFiles,
  };
};
