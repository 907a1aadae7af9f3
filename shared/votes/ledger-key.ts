/**
 * Where a request's ledger item lives: `VOTES#<cid>#<shard>` / `REQ#<requestId>`, 16 shards by the
 * request id's first hex digit (so the shards read in order give the requests in id order). Apart
 * from the vote repository so the vote route, which may withdraw a request there, carries only this.
 */
export const LEDGER_SHARDS = 16;

export const ledgerPk = (campaignId: string, shard: number) => `VOTES#${campaignId}#${shard.toString(16)}`;
export const ledgerShardOf = (requestId: string) => Number.parseInt(requestId[0]!, 16) % LEDGER_SHARDS;
export const ledgerKey = ({ campaignId, requestId }: { campaignId: string; requestId: string }) => ({
  pk: ledgerPk(campaignId, ledgerShardOf(requestId)),
  sk: `REQ#${requestId}`,
});
