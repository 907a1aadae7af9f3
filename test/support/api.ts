/**
 * Helpers for tests against the local system the global setup started: HTTP calls through the
 * local gateway, staff sign-in, and SDK clients pointed at the stand-ins for asserting stored state.
 * The test process already has the system's environment (`TABLE_NAME`, `AWS_ENDPOINT_URL_*`, ...),
 * so domain repositories and `shared/aws/clients` work in tests as they do in handlers.
 */
import { inject } from 'vitest';
import type { RunningSystem } from '../../infra/local/running';
import { getDocumentClient, getS3Client, getSqsClient } from '../../shared/aws/clients';

let outside: RunningSystem | undefined;

/** For scripts outside vitest (the benchmarks): the local system they started, used instead of the test run's. */
export const useLocalSystem = (system: RunningSystem) => {
  outside = system;
};

export const local = (): RunningSystem => outside ?? inject('local');

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, else the text. */
  body: T;
}

export interface ApiOptions {
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (malformed JSON, binary, large payloads). */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

/** Calls the local gateway as a browser or script would. */
export const api = async <T = any>(
  method: string,
  path: string,
  { token, body, rawBody, headers = {} }: ApiOptions = {},
): Promise<ApiResponse<T>> => {
  const response = await fetch(`${local().url}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: rawBody ?? (body !== undefined ? JSON.stringify(body) : undefined),
  });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json') && text !== '';
  return { status: response.status, headers: response.headers, body: (isJson ? JSON.parse(text) : text) as T };
};

const tokens = new Map<string, string>();

/** A staff ID token for a demo user from the local issuer (cached per test file). */
export const login = async (username: string): Promise<string> => {
  const cached = tokens.get(username);
  if (cached) return cached;
  const { status, body } = await api<{ token: string }>('POST', '/local/login', { body: { username } });
  if (status !== 200) throw new Error(`Could not sign in as ${username}: ${status} ${JSON.stringify(body)}`);
  tokens.set(username, body.token);
  return body.token;
};

/** SDK clients pointed at the stand-ins (the same ones the application code uses). */
export const clients = () => ({ dynamodb: getDocumentClient(), s3: getS3Client(), sqs: getSqsClient() });
