import type { APIGatewayProxyResult } from 'aws-lambda';
import type { Bilingual } from '../errors';

const baseHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  // The web pages' origin on AWS (set by the API stack); any origin locally.
  'access-control-allow-origin': process.env.ALLOWED_ORIGIN ?? '*',
};

/** A JSON response. */
export const json = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult => ({
  statusCode,
  headers: { ...baseHeaders, ...headers },
  body: JSON.stringify(body),
});

/** API.md's error format: `{"error":{"code","message","messageEn","details"}}`, the message in Chinese first. */
export const errorResponse = (
  statusCode: number,
  code: string,
  message: Bilingual,
  details?: Record<string, unknown>,
  headers: Record<string, string> = {},
): APIGatewayProxyResult =>
  json(
    statusCode,
    { error: { code, message: message.zh, messageEn: message.en, ...(details ? { details } : {}) } },
    headers,
  );

/** A non-JSON response (HTML print pages, CSV exports). */
export const text = (
  statusCode: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): APIGatewayProxyResult => ({
  statusCode,
  headers: { ...baseHeaders, 'content-type': contentType, ...headers },
  body,
});
