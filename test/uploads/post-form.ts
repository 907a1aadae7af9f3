/** The browser's side of a presigned POST, for upload tests. */
import { expect } from 'vitest';

/** What a presign route answers. */
export type Slot = { uploadId: string; url: string; fields: Record<string, string>; expiresAt: string };

/** POSTs the file as a browser form would: the policy's fields, then the file. */
export const postForm = async (slot: Slot, file: Buffer, contentType = slot.fields['Content-Type']!) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(slot.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(file)], { type: contentType }), 'upload.bin');
  const posted = await fetch(slot.url, { method: 'POST', body: form });
  expect(posted.status, await posted.text()).toBeLessThan(300);
};
