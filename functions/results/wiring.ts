/** Results dependencies, built once per process from the environment. */
import { config } from '../../shared/config';
import { createResultFiles } from '../../shared/results/result-files';
import { createResultsRepository } from '../../shared/results/results-repository';
import type { ResultsDeps, VoteLedger } from '../../shared/results/results';
import { createVoteRecords } from '../../shared/votes/vote-records';
import { createVoteRepository } from '../../shared/votes/vote-repository';
import { createVotesBacklog } from '../../shared/votes/votes-backlog';
import { campaigns } from '../campaigns/wiring';
import { candidates, judging } from '../judging/wiring';

export const results = createResultsRepository({ tableName: config.tableName });
export const files = createResultFiles({ bucket: config.uploadsBucketName });

const votes = createVoteRepository({ tableName: config.tableName });
// Only `counted` and `voided` are read here; receipt lookups (which need the voter secret) are the votes concept's.
const records = createVoteRecords({ votes, isOwnRequestId: () => false });

const ledger: VoteLedger = {
  counted: (cid) => records.counted(cid),
  async liveCounts(cid) {
    const ids = (await candidates(cid)).map((c) => c.nominationId);
    const live = new Map<string, number>();
    for (const row of await votes.counters(cid, ids))
      live.set(row.candidateId, (live.get(row.candidateId) ?? 0) + row.votes);
    return live;
  },
  async voidedCount(cid) {
    let n = 0;
    for await (const _ of records.voided(cid)) n += 1;
    return n;
  },
};

export const resultsDeps: ResultsDeps = {
  campaigns,
  judging,
  candidates,
  votes: ledger,
  votesBacklog: createVotesBacklog({ queueUrl: config.votesQueueUrl, dlqUrl: config.votesDlqUrl }),
  results,
  files,
};
