/**
 * The vote path's candidate list as one small item (issue 9: not the whole campaign partition on
 * every refresh). The item maps each current candidate to its category; whoever finds it older than
 * `maxAgeMs` rebuilds it from the nominations, so the partition is read about once per `maxAgeMs`
 * per campaign, whatever the number of instances. A disqualification reaches the vote path within
 * `maxAgeMs` plus the instance's own cache.
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

/** Current candidates by id with their category, from the index item, rebuilt when older than `maxAgeMs`. */
export const createCandidateIndex =
  ({
    store,
    listApproved,
    maxAgeMs,
    now = Date.now,
  }: {
    store: CandidateIndexStore;
    listApproved: (campaignId: string) => Promise<Array<{ id: string; category: Category }>>;
    maxAgeMs: number;
    now?: () => number;
  }) =>
  async (campaignId: string): Promise<Map<string, Category>> => {
    let index = await store.candidateIndex(campaignId);
    if (!index || now() - index.builtAt > maxAgeMs) {
      const approved = await listApproved(campaignId);
      index = { candidates: Object.fromEntries(approved.map((n) => [n.id, n.category])), builtAt: now() };
      await store.putCandidateIndex(campaignId, index);
    }
    return new Map(Object.entries(index.candidates));
  };
