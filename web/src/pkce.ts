/** PKCE (RFC 7636) for the staff sign-in: a random verifier and its S256 challenge, base64url without padding. */
const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** 32 random bytes: a code verifier (43 characters), also used for `state`. */
export const randomToken = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** The S256 code challenge of a verifier. */
export const challengeOf = async (verifier: string) =>
  base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
