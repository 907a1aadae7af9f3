/**
 * The vote path's candidate list as one small item (issue 9: not the whole campaign partition on
 * every refresh). The item maps each current candidate to its category; the clock tick rebuilds it
 * from the nominations once a minute for each campaign in voting, and the vote path only when it is
 * missing or older than its `maxAgeMs` (a tick late), so the partition is read about once a minute
 * per campaign, off the vote path. A disqualification reaches the vote path within the tick's minute
 * plus the instance's own cache.
 */
import type { Category } from '../campaigns/schema';

export interface CandidateIndex {
  candidates: Record<string, Category>;
  /** Epoch ms. */
  builtAt: number;
}

export interface CandidateIndexStore {
  candidateIndex(campaignId: string): Promise<CandidateIndex | undefined>;
  putCandidateIndex(campaignId: string, index: CandidateIndex): Promise<void>;
}

/** Rebuilds a campaign's index item from its approved nominations (the clock tick does, once a minute, in voting). */
export const rebuildCandidateIndex = async (
  campaignId: string,
  {
    store,
    listApproved,
    now = Date.now,
  }: {
    store: CandidateIndexStore;
    listApproved: (campaignId: string) => Promise<Array<{ id: string; category: Category }>>;
    now?: () => number;
  },
): Promise<CandidateIndex> => {
  const approved = await listApproved(campaignId);
  const index = { candidates: Object.fromEntries(approved.map((n) => [n.id, n.category])), builtAt: now() };
  await store.putCandidateIndex(campaignId, index);
  return index;
};

/**
 * Current candidates by id with their category, from the index item; rebuilt here only when it is missing or older
 * than `maxAgeMs` (the clock tick keeps it fresh, so the vote path rarely reads the partition).
 */
export const createCandidateIndex =
  (deps: {
    store: CandidateIndexStore;
    listApproved: (campaignId: string) => Promise<Array<{ id: string; category: Category }>>;
    maxAgeMs: number;
    now?: () => number;
  }) =>
  async (campaignId: string): Promise<Map<string, Category>> => {
    const now = deps.now ?? Date.now;
    let index = await deps.store.candidateIndex(campaignId);
    if (!index || now() - index.builtAt > deps.maxAgeMs) index = await rebuildCandidateIndex(campaignId, deps);
    return new Map(Object.entries(index.candidates));
  };
