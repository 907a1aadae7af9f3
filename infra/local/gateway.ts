/**
 * The local gateway: stands in for API Gateway (REST API, Lambda proxy integration, payload 1.0).
 * It matches the request to the routes of the function catalog (functions/catalog.ts), runs the
 * staff TOKEN authorizer where the route asks for it, builds the `APIGatewayProxyEvent` API Gateway
 * would send, and calls the handler of the function that serves the route, in this process.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayTokenAuthorizerEvent,
} from 'aws-lambda';
import type { RouteAuth } from '../../functions/runtime/http';
import { errorResponse } from '../../shared/http/responses';
import { say } from '../../shared/errors';
import { apiCors } from '../definitions';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './environment';
import { type AnyHandler, invokeHandler } from './invoke';
import { localMethods, serveLocalRoute, type LocalRouteDeps } from './local-routes';
import { servePage } from './web-pages';

/** API Gateway's payload limit. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
const API_ID = 'local';
const STAGE = 'local';
const API_TIMEOUT_SECONDS = 29;
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': apiCors.allowHeaders.join(','),
  'access-control-max-age': String(apiCors.maxAgeSeconds),
};

/** A route as the gateway needs it. */
export interface GatewayRoute {
  method: string;
  path: string;
  auth: RouteAuth;
}

/** A deployed function: its routes and its Lambda handler. */
export interface GatewayFunction {
  name: string;
  routes: readonly GatewayRoute[];
  handler: AnyHandler;
}

type Bound = GatewayRoute & { fn: GatewayFunction };

interface CompiledPath {
  resource: string;
  pattern: RegExp;
  params: string[];
  /** Literal segments before parameters, so `/a/b` wins over `/a/{x}` as in API Gateway. */
  rank: string;
  routes: Bound[];
}

const compile = (routes: Bound[]): CompiledPath[] => {
  const byPath = new Map<string, Bound[]>();
  for (const route of routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
  return [...byPath.entries()]
    .map(([resource, list]) => {
      const params: string[] = [];
      const segments = resource.split('/').filter(Boolean);
      const source = segments
        .map((segment) => {
          const param = segment.match(/^\{(\w+)(\+?)\}$/);
          if (!param) return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
          params.push(param[1]!);
          return param[2] ? '/(.+)' : '/([^/]+)';
        })
        .join('');
      const rank = segments.map((s) => (s.startsWith('{') ? (s.endsWith('+}') ? '2' : '1') : '0')).join('');
      return { resource, pattern: new RegExp(`^${source || '/'}$`), params, rank, routes: list };
    })
    .sort((a, b) => a.rank.localeCompare(b.rank));
};

const isText = (contentType: string | undefined): boolean =>
  !contentType ||
  /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|[^;]*\+(json|xml))/i.test(contentType);

const headerMaps = (req: IncomingMessage) => {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const [name, value] = [req.rawHeaders[i]!, req.rawHeaders[i + 1]!];
    const key = Object.keys(multiValueHeaders).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
    multiValueHeaders[key] = [...(multiValueHeaders[key] ?? []), value];
    headers[key] = value;
  }
  return { headers, multiValueHeaders };
};

const queryMaps = (query: URLSearchParams) => {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [key, value] of query) {
    single[key] = value;
    multi[key] = [...(multi[key] ?? []), value];
  }
  const any = Object.keys(single).length > 0;
  return { queryStringParameters: any ? single : null, multiValueQueryStringParameters: any ? multi : null };
};

const apiGatewayTime = (date: Date): string => {
  const [, day, month, year, time] = date.toUTCString().match(/^\w+, (\d+) (\w+) (\d+) ([\d:]+)/)!;
  return `${day!.padStart(2, '0')}/${month}/${year}:${time} +0000`;
};

/** Allowed when an Allow statement covers the method ARN and no Deny does (`*` wildcards). */
const policyAllows = (result: APIGatewayAuthorizerResult, methodArn: string): boolean => {
  const covers = (resource: string | string[] | undefined) =>
    [resource ?? []].flat().some((r) =>
      new RegExp(
        `^${r
          .split('*')
          .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      ).test(methodArn),
    );
  const statements = (result.policyDocument?.Statement ?? []) as Array<{
    Effect: string;
    Resource?: string | string[];
  }>;
  return (
    statements.some((s) => s.Effect === 'Allow' && covers(s.Resource)) &&
    !statements.some((s) => s.Effect === 'Deny' && covers(s.Resource))
  );
};

type Authorization = { ok: true; authorizer: Record<string, unknown> } | { ok: false; response: APIGatewayProxyResult };

const unauthorized = (): Authorization => ({
  ok: false,
  response: errorResponse(401, 'UNAUTHORIZED', say('请先登录', 'Sign in first: this path needs a valid bearer token')),
});

/** Runs the staff TOKEN authorizer as API Gateway does; 401 when it throws 'Unauthorized'. */
const authorize = async (
  authorizer: AnyHandler,
  token: string | undefined,
  methodArn: string,
): Promise<Authorization> => {
  if (!token) return unauthorized();
  const started = Date.now();
  const event: APIGatewayTokenAuthorizerEvent = { type: 'TOKEN', authorizationToken: token, methodArn };
  let result: APIGatewayAuthorizerResult;
  try {
    result = (await invokeHandler(authorizer, event, 'StaffAuthorizer', 10)) as APIGatewayAuthorizerResult;
  } catch (error) {
    if (error instanceof Error && error.message === 'Unauthorized') return unauthorized();
    console.error('The staff authorizer failed', error);
    return {
      ok: false,
      response: errorResponse(
        500,
        'AUTHORIZER_FAILED',
        say('身份校验出错', 'The authorizer failed; see the gateway log'),
      ),
    };
  }
  if (!policyAllows(result, methodArn)) {
    return {
      ok: false,
      response: errorResponse(403, 'FORBIDDEN', say('无权进行此操作', 'The authorizer denied this request')),
    };
  }
  return {
    ok: true,
    authorizer: { ...result.context, principalId: result.principalId, integrationLatency: Date.now() - started },
  };
};

class BodyTooLarge extends Error {}

/** Reads the whole body (so the client gets its answer), keeping at most the limit. */
const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });

const send = (res: ServerResponse, result: APIGatewayProxyResult, requestId: string): void => {
  const headers: Record<string, string | string[]> = { 'x-amzn-requestid': requestId };
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {}))
    headers[name.toLowerCase()] = values.map(String);
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  if (result.body) headers['content-type'] ??= 'application/json';
  res.writeHead(result.statusCode, headers);
  res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
};

const isProxyResult = (value: unknown): value is APIGatewayProxyResult =>
  typeof value === 'object' && value !== null && Number.isInteger((value as APIGatewayProxyResult).statusCode);

export interface GatewayOptions {
  functions: readonly GatewayFunction[];
  /** The staff TOKEN authorizer's handler. */
  authorizer: AnyHandler;
  local: LocalRouteDeps;
  port: number;
  host?: string;
  log?: (line: string) => void;
  /** The built web pages (web/dist), served for paths that are not the API's. */
  pagesDir?: string;
}

export interface Gateway {
  url: string;
  close(): Promise<void>;
}

/** Starts the gateway; `port` 0 picks a free one (see `url`). */
export const startGateway = async ({
  functions,
  authorizer,
  local,
  port,
  host = '127.0.0.1',
  log = console.log,
  pagesDir,
}: GatewayOptions): Promise<Gateway> => {
  const paths = compile(functions.flatMap((fn) => fn.routes.map((route) => ({ ...route, fn }))));

  const handle = async (req: IncomingMessage, requestId: string): Promise<APIGatewayProxyResult> => {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const method = (req.method ?? 'GET').toUpperCase();

    let match: { compiled: CompiledPath; values: string[] } | undefined;
    for (const compiled of paths) {
      const found = compiled.pattern.exec(path);
      if (found) {
        match = { compiled, values: found.slice(1) };
        break;
      }
    }
    const methods = match ? match.compiled.routes.map((r) => r.method) : localMethods(path);
    if (methods.length === 0) {
      const page =
        pagesDir && (method === 'GET' || method === 'HEAD') ? servePage(path, req.headers.accept, pagesDir) : undefined;
      return (
        page ??
        errorResponse(404, 'NOT_FOUND', say(`没有这个路径：${method} ${path}`, `No such path: ${method} ${path}`))
      );
    }
    if (method === 'OPTIONS') {
      return {
        statusCode: 204,
        headers: { ...CORS_HEADERS, 'access-control-allow-methods': [...methods, 'OPTIONS'].join(',') },
        body: '',
      };
    }
    if (!methods.includes(method)) {
      return errorResponse(
        405,
        'METHOD_NOT_ALLOWED',
        say(`${path} 不接受 ${method}`, `${path} does not accept ${method}`),
        { allowed: methods },
        { allow: methods.join(', ') },
      );
    }

    const raw = await readBody(req);

    if (!match)
      return (await serveLocalRoute({ method, path, query: url.searchParams, body: raw.toString('utf8') }, local))!;

    const route = match.compiled.routes.find((r) => r.method === method)!;
    const { headers, multiValueHeaders } = headerMaps(req);
    const pathParameters = match.compiled.params.length
      ? Object.fromEntries(match.compiled.params.map((name, i) => [name, match.values[i]!]))
      : null;
    const methodArn = `arn:aws:execute-api:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${API_ID}/${STAGE}/${method}${path}`;

    let authorizerContext: Record<string, unknown> | null = null;
    if (route.auth === 'staff') {
      const authorization = await authorize(authorizer, req.headers.authorization, methodArn);
      if (!authorization.ok) return authorization.response;
      // A disabled account's tokens are refused at once here; on AWS they live until they expire
      // (shared/accounts/cognito-directory.ts).
      if (local.users.find(String(authorization.authorizer.username))?.enabled === false)
        return errorResponse(401, 'UNAUTHORIZED', say('账号已停用', 'The account is disabled'));
      authorizerContext = authorization.authorizer;
    }

    const contentType = req.headers['content-type'];
    const binary = raw.length > 0 && !isText(contentType);
    const now = new Date();
    const event: APIGatewayProxyEvent = {
      resource: route.path,
      path,
      httpMethod: method,
      headers,
      multiValueHeaders,
      ...queryMaps(url.searchParams),
      pathParameters,
      stageVariables: null,
      body: raw.length === 0 ? null : raw.toString(binary ? 'base64' : 'utf8'),
      isBase64Encoded: binary,
      requestContext: {
        accountId: LOCAL_ACCOUNT_ID,
        apiId: API_ID,
        authorizer: authorizerContext,
        domainName: req.headers.host ?? host,
        domainPrefix: (req.headers.host ?? host).split('.')[0],
        extendedRequestId: requestId,
        httpMethod: method,
        identity: {
          accessKey: null,
          accountId: null,
          apiKey: null,
          apiKeyId: null,
          caller: null,
          clientCert: null,
          cognitoAuthenticationProvider: null,
          cognitoAuthenticationType: null,
          cognitoIdentityId: null,
          cognitoIdentityPoolId: null,
          principalOrgId: null,
          sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
          user: null,
          userAgent: req.headers['user-agent'] ?? null,
          userArn: null,
        },
        path: `/${STAGE}${path}`,
        protocol: `HTTP/${req.httpVersion}`,
        requestId,
        requestTime: apiGatewayTime(now),
        requestTimeEpoch: now.getTime(),
        resourceId: route.path,
        resourcePath: route.path,
        stage: STAGE,
      },
    };

    let result: unknown;
    try {
      result = await invokeHandler(route.fn.handler, event, route.fn.name, API_TIMEOUT_SECONDS);
    } catch (error) {
      console.error(`${route.fn.name} threw`, error);
      return errorResponse(
        502,
        'BAD_GATEWAY',
        say('服务暂时不可用，请稍后再试', 'The function failed; see the gateway log'),
      );
    }
    if (!isProxyResult(result)) {
      console.error(`${route.fn.name} returned no statusCode`);
      return errorResponse(
        502,
        'BAD_GATEWAY',
        say('服务暂时不可用，请稍后再试', 'The function returned a malformed response'),
      );
    }
    return result;
  };

  const server: Server = createServer((req, res) => {
    const started = Date.now();
    const requestId = randomUUID();
    const path = (req.url ?? '/').split('?')[0];
    handle(req, requestId)
      .catch((error: unknown) => {
        if (error instanceof BodyTooLarge) {
          return errorResponse(
            413,
            'PAYLOAD_TOO_LARGE',
            say(`请求内容超过 ${MAX_BODY_BYTES} 字节`, `The request body is larger than ${MAX_BODY_BYTES} bytes`),
            {
              limitBytes: MAX_BODY_BYTES,
            },
          );
        }
        console.error('The local gateway failed', error);
        return errorResponse(500, 'INTERNAL', say('服务出错，请稍后再试', 'The local gateway failed; see its log'));
      })
      .then((result) => {
        send(res, result, requestId);
        log(`${req.method} ${path} ${result.statusCode} ${Date.now() - started}ms`);
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
