/**
 * Paths that exist only locally, served by the gateway itself: the staff issuer (JWKS, login,
 * demo users) and the SMS outbox. They stand in for Cognito's hosted sign-in and a real SMS gateway.
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import * as z from '../../shared/zod';
import { errorResponse, json } from '../../shared/http/responses';
import { say } from '../../shared/errors';
import type { LocalIssuer } from './issuer';
import type { LocalOutbox } from './outbox';
import type { LocalUserStore } from './user-store';

export interface LocalRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
}

export interface LocalRouteDeps {
  issuer: LocalIssuer;
  /** The demo users and the accounts admins made (POST /accounts). */
  users: Pick<LocalUserStore, 'find' | 'all'>;
  outbox: LocalOutbox;
}

const loginSchema = z.strictObject({ username: z.string().check(z.minLength(1), z.maxLength(100)) });

const routes: Record<string, (request: LocalRequest, deps: LocalRouteDeps) => Promise<APIGatewayProxyResult>> = {
  'GET /local/.well-known/jwks.json': async (_, { issuer }) =>
    json(200, issuer.jwks, { 'cache-control': 'public, max-age=300' }),

  'GET /local/users': async (_, { users }) =>
    json(200, {
      users: users.all().map(({ username, name, roles, district, department, unit, enabled }) => ({
        username,
        name,
        roles,
        district,
        department,
        unit,
        enabled,
      })),
    }),

  'POST /local/login': async ({ body }, { issuer, users }) => {
    let input: unknown;
    try {
      input = JSON.parse(body);
    } catch {
      return errorResponse(
        400,
        'MALFORMED_JSON',
        say('请求内容不是有效的 JSON', 'The request body is not valid JSON: send {"username": "admin"}'),
      );
    }
    const parsed = loginSchema.safeParse(input);
    if (!parsed.success)
      return errorResponse(
        400,
        'VALIDATION_FAILED',
        say('请提供用户名', 'Send {"username": "..."}; GET /local/users lists the demo users'),
      );
    const user = users.find(parsed.data.username);
    if (!user)
      return errorResponse(
        404,
        'NOT_FOUND',
        say(
          `没有演示用户 ${parsed.data.username}`,
          `No demo user ${parsed.data.username}; GET /local/users lists them`,
        ),
      );
    // Cognito refuses a disabled user's sign-in the same way (NotAuthorizedException).
    if (!user.enabled)
      return errorResponse(
        403,
        'ACCOUNT_DISABLED',
        say(`账号 ${user.username} 已停用`, `The account ${user.username} is disabled`),
      );
    return json(200, { token: await issuer.signIdToken(user) });
  },

  'GET /local/outbox': async ({ query }, { outbox }) => {
    const phone = query.get('phone') ?? query.get('email');
    if (!phone)
      return errorResponse(
        400,
        'VALIDATION_FAILED',
        say(
          '请加上 ?phone=... 或 ?email=... 参数',
          'Add ?phone=... (or ?email=...) to read the messages sent to that number (or address)',
        ),
      );
    return json(200, { messages: await outbox.latest(phone) });
  },
};

/** Serves a local-only path; undefined when the method is not one it serves. */
export const serveLocalRoute = (
  request: LocalRequest,
  deps: LocalRouteDeps,
): Promise<APIGatewayProxyResult> | undefined => routes[`${request.method} ${request.path}`]?.(request, deps);

/** The methods a local-only path answers (none for other paths), for 405 and CORS preflight. */
export const localMethods = (path: string): string[] =>
  Object.keys(routes)
    .filter((key) => key.endsWith(` ${path}`))
    .map((key) => key.split(' ')[0]!);
