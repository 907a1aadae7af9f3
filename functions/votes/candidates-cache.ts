/**
 * The current candidates of a campaign by id with their category, cached per instance (the public tally; the vote path
 * reads the candidate index, shared/votes/candidate-index.ts).
 */
import type { Category } from '../../shared/campaigns/schema';
import type { NominationRepository } from '../../shared/nominations/nomination-repository';
import { createTtlCache } from '../../shared/votes/ttl-cache';

/** Current candidates by id with their category, read at most every 5 seconds per instance. */
export const cachedCandidatesOf = (nominations: NominationRepository) =>
  createTtlCache(
    async (cid): Promise<Map<string, Category>> =>
      new Map((await nominations.listApproved(cid)).map((n) => [n.id, n.category])),
    5000,
  );
