import type { APIGatewayProxyEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoSub } from '../../infra/local/issuer';
import { startGateway, type Gateway } from '../../infra/local/gateway';
import { localOverrides } from '../../infra/local/adapters';
import { authorizerFunction } from '../../functions/catalog';
import { serveFunction } from '../../functions/runtime/function';
import { createLocalOutbox } from '../../infra/local/outbox';
import { api, local, login } from '../support/api';

describe('the local system (through the gateway)', () => {
  it('serves GET /health from the routes table', async () => {
    const res = await api('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', environment: 'local' });
  });

  it('answers an unknown path with 404 and a known path with the wrong method with 405, in the API error format', async () => {
    const unknown = await api('GET', '/no/such/path');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const wrongMethod = await api('DELETE', '/health');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });

  it('answers a CORS preflight with the methods of the path', async () => {
    const res = await api('OPTIONS', '/health', {
      headers: { origin: 'http://example.test', 'access-control-request-method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,OPTIONS');
    expect(res.headers.get('access-control-allow-headers')).toContain('Authorization');
  });

  it('refuses a body over 10 MB with 413', async () => {
    const res = await api('POST', '/local/login', { rawBody: Buffer.alloc(10 * 1024 * 1024 + 1, 'a') });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('lists the demo users and signs a Cognito-shaped ID token for one', async () => {
    const users = await api('GET', '/local/users');
    expect(users.body.users).toContainEqual(
      expect.objectContaining({
        username: 'dept-dongbao',
        roles: ['department'],
        district: 'dongbao',
        department: 'dongbao-health',
      }),
    );
    const token = await login('applicant-dongbao');
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({
      sub: demoSub('applicant-dongbao'),
      'cognito:username': 'applicant-dongbao',
      'cognito:groups': ['applicant'],
      'custom:district': 'dongbao',
      'custom:department': 'dongbao-health',
      'custom:unit': 'dongbao-hospital',
      token_use: 'id',
      iss: `${local().url}/local`,
      aud: local().env.STAFF_AUDIENCE,
    });
    expect(claims.exp - claims.iat).toBe(12 * 3600);
    const jwks = await api('GET', '/local/.well-known/jwks.json');
    expect(jwks.body.keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256', kid: expect.any(String) })]);
    expect(jwks.body.keys[0]).not.toHaveProperty('d');
  });

  it('refuses to sign in an unknown user with 404', async () => {
    const res = await api('POST', '/local/login', { body: { username: 'mallory' } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('reads back the one-time codes the SMS adapter wrote to the outbox, newest first', async () => {
    const outbox = createLocalOutbox(local().env.LOCAL_OUTBOX_DIR!, { log: () => undefined });
    await outbox.send('+8613800000001', 'Your code is 111111');
    await outbox.send('13800000001', 'Your code is 222222');
    const res = await api('GET', '/local/outbox?phone=13800000001');
    expect(res.status).toBe(200);
    expect(res.body.messages.map((m: { code: string }) => m.code)).toEqual(['222222', '111111']);
    expect((await api('GET', '/local/outbox?phone=13900000009')).body.messages).toEqual([]);
  });
});

/** A gateway of its own, with test handlers, to look at the event it builds. */
describe('the gateway event', () => {
  let gateway: Gateway;
  const call = (method: string, path: string, init: RequestInit = {}) =>
    fetch(`${gateway.url}${path}`, { method, ...init });

  beforeAll(async () => {
    // Answers with the event it was given.
    const echo = async (event: APIGatewayProxyEvent) => ({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    const routes = [
      { method: 'POST', path: '/echo/{id}/items/{item}', auth: 'none' },
      { method: 'GET', path: '/echo/{id}/items/fixed', auth: 'none' },
      { method: 'GET', path: '/staff-echo', auth: 'staff' },
    ] as const;
    const overrides = localOverrides({
      outboxDir: local().env.LOCAL_OUTBOX_DIR!,
      voterSecret: local().env.VOTER_SECRET!,
    });
    const outbox = createLocalOutbox(local().dataDir);
    gateway = await startGateway({
      functions: [{ name: 'Echo', routes, handler: echo }],
      authorizer: serveFunction(authorizerFunction.fn, { overrides }),
      port: 0,
      log: () => undefined,
      local: {
        users: { find: () => undefined, all: () => [] },
        outbox,
        issuer: { jwks: { keys: [] }, signIdToken: async () => '', signToken: async () => '' },
      },
    });
    return () => gateway.close();
  });

  it('is the REST API proxy event: resource, path, parameters, headers, query, body and request context', async () => {
    const res = await call('POST', '/echo/c-1/items/n%2D2?status=draft&tag=a&tag=b', {
      headers: { 'Content-Type': 'application/json', 'X-Custom': 'yes', 'User-Agent': 'vitest' },
      body: JSON.stringify({ hello: '世界' }),
    });
    expect(res.status).toBe(200);
    const event = (await res.json()) as APIGatewayProxyEvent;
    expect(event).toMatchObject({
      resource: '/echo/{id}/items/{item}',
      path: '/echo/c-1/items/n%2D2',
      httpMethod: 'POST',
      pathParameters: { id: 'c-1', item: 'n%2D2' },
      queryStringParameters: { status: 'draft', tag: 'b' },
      multiValueQueryStringParameters: { status: ['draft'], tag: ['a', 'b'] },
      body: JSON.stringify({ hello: '世界' }),
      isBase64Encoded: false,
      stageVariables: null,
    });
    expect(event.headers['X-Custom']).toBe('yes');
    expect(event.multiValueHeaders['X-Custom']).toEqual(['yes']);
    expect(event.requestContext).toMatchObject({
      resourcePath: '/echo/{id}/items/{item}',
      httpMethod: 'POST',
      stage: 'local',
      authorizer: null,
      identity: { sourceIp: '127.0.0.1', userAgent: 'vitest' },
    });
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(event.requestContext.requestTimeEpoch - Date.now())).toBeLessThan(5000);
  });

  it('prefers a literal path segment over a parameter, and sends null parameters and body when there are none', async () => {
    const event = (await (await call('GET', '/echo/c-1/items/fixed')).json()) as APIGatewayProxyEvent;
    expect(event.resource).toBe('/echo/{id}/items/fixed');
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
    expect(event.body).toBeNull();
  });

  it('sends a non-text body base64-encoded', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01]);
    const event = (await (
      await call('POST', '/echo/a/items/b', { headers: { 'content-type': 'image/jpeg' }, body: bytes })
    ).json()) as APIGatewayProxyEvent;
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64')).toEqual(bytes);
  });

  it('answers 401 in the API error format without a token, or with a bad one, on a staff route', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer not.a.jwt' },
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
    ] as Record<string, string>[]) {
      const res = await call('GET', '/staff-echo', { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('runs the staff authorizer and hands its context to the handler', async () => {
    const token = await login('district-zhanghe');
    const event = (await (
      await call('GET', '/staff-echo', { headers: { authorization: `Bearer ${token}` } })
    ).json()) as APIGatewayProxyEvent;
    expect(event.requestContext.authorizer).toMatchObject({
      principalId: demoSub('district-zhanghe'),
      sub: demoSub('district-zhanghe'),
      username: 'district-zhanghe',
      roles: 'district',
      district: 'zhanghe',
    });
  });
});
