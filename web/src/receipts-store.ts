/** The receipts a voter got on this device, per campaign (localStorage: they are not secret, only unguessable). */
import type { Receipt } from './api';

export interface SavedReceipt extends Receipt {
  name: string;
  at: string;
}

const key = (cid: string) => `receipts:${cid}`;

export const savedReceipts = (cid: string): SavedReceipt[] => JSON.parse(localStorage.getItem(key(cid)) ?? '[]');

export const saveReceipts = (cid: string, receipts: SavedReceipt[]) =>
  localStorage.setItem(key(cid), JSON.stringify([...receipts, ...savedReceipts(cid)].slice(0, 200)));
