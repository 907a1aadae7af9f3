/** Reading a request: body (size, JSON, schema), path and query parameters. Every failure is a 4xx. */
import type * as z from '../zod';
import { PayloadTooLargeError, say, ValidationError } from '../errors';
import { validate } from '../validation';
import type { HttpEvent } from './with-http';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Parses and validates a JSON body: 413 when too large, 400 when not JSON or not the schema. */
export const parseBody = <S extends z.ZodMiniType>(
  event: HttpEvent,
  schema: S,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): z.infer<S> => {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > maxBytes) throw new PayloadTooLargeError(maxBytes);
  if (text.trim() === '')
    throw new ValidationError(
      say('请求须附 JSON 格式的内容', 'The request needs a JSON body'),
      undefined,
      'MALFORMED_JSON',
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError(
      say('请求内容不是有效的 JSON', 'The request body is not valid JSON'),
      undefined,
      'MALFORMED_JSON',
    );
  }
  return validate(schema, value);
};

/** A path parameter the route guarantees; ids are short and plain, anything else is a 400. */
export const pathParam = (event: HttpEvent, name: string): string => {
  const value = event.pathParameters?.[name];
  if (!value || value.length > 100 || !/^[A-Za-z0-9_.:-]+$/.test(value)) {
    throw new ValidationError(
      say(`路径参数 ${name} 缺失或格式不正确`, `Path parameter ${name} is missing or malformed`),
      {
        parameter: name,
      },
    );
  }
  return value;
};

/** Validates the query string against a schema (unknown parameters refused). */
export const parseQuery = <S extends z.ZodMiniType>(event: HttpEvent, schema: S): z.infer<S> =>
  validate(schema, event.queryStringParameters ?? {}, say('查询参数', 'The query string'), '(query)');

/** The caller's source IP as API Gateway reports it. */
export const sourceIp = (event: HttpEvent): string => event.requestContext?.identity?.sourceIp ?? 'unknown';
