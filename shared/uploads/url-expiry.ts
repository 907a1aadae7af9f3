/** How long the uploads bucket's presigned URLs stay valid (the upload routes and the stack read the same numbers). */
export const UPLOAD_URL_EXPIRY = {
  /** Presigned POSTs are signed for this long. */
  postSeconds: 600,
  /** Presigned GETs (verified uploads, public candidate photos) live this long. */
  getSeconds: 900,
} as const;
