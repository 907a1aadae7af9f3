/**
 * HTTP routes and the one Lambda handler that serves a group of them: @middy/http-router picks the
 * route (API Gateway has already matched it: one method per route, so throttling, WAF and the
 * authorizer still apply per route), `withHttp` does logging, metrics and the error mapping once,
 * and each route's handler gets its typed dependencies, built once per process.
 */
import httpRouterHandler from '@middy/http-router';
import type { Context } from 'aws-lambda';
import { NotFoundError, say } from '../../shared/errors';
import { type HttpEvent, type HttpResult, withHttp } from '../../shared/http/with-http';
import { type Container, createContainer, type DepsOf, type Overrides, type Uses } from './adapter';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type RouteHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/**
 * `staff`: the gateway's authorizer verifies a staff JWT before the handler runs (401 otherwise).
 * `voter`: no authorizer; the voter flow: the handler requires a voter token or a one-time code
 * (or, for `POST /voter/otp`, the WAF challenge), and may write that voter's own records.
 * `none`: public; no authorizer, the handler decides what to show (optional staff tokens). A public
 * route's function writes nothing (test/infra/least-privilege.test.ts).
 */
export type RouteAuth = 'staff' | 'voter' | 'none';

export interface HttpRouteSpec<U extends Uses> {
  method: HttpMethod;
  /** API Gateway path syntax: `/campaigns/{cid}`. */
  path: string;
  auth: RouteAuth;
  summary: string;
  uses: U;
  /** Builds the handler from its dependencies (once per process). */
  handle: (deps: DepsOf<U>) => RouteHandler;
}

/** A route with its dependency types erased, as the stack, the catalog and the router see it. */
export interface HttpRoute {
  method: HttpMethod;
  path: string;
  auth: RouteAuth;
  summary: string;
  uses: Uses;
  handle: (deps: never) => RouteHandler;
}

/** Declares a route; `handle` receives exactly the dependencies `uses` names, typed. */
export const httpRoute = <U extends Uses>(spec: HttpRouteSpec<U>): HttpRoute => spec as unknown as HttpRoute;

/** Literal segments before parameters (`/a/b` before `/a/{x}`), as API Gateway matches. */
const specificity = (path: string) =>
  path
    .split('/')
    .map((s) => (s.startsWith('{') ? '1' : '0'))
    .join('');

const handlerOf = (route: HttpRoute, container: Container): RouteHandler => {
  let handler: RouteHandler | undefined;
  return (event, context) => {
    handler ??= (route.handle as (deps: unknown) => RouteHandler)(container.deps(route.uses));
    return handler(event, context);
  };
};

export interface ServeOptions {
  /** The local system's own factories for some adapters (outbox SMS, generated voter secret). */
  overrides?: Overrides;
}

/** The Lambda handler for a group of routes (one function per concept, or one hot path). */
export const serveRoutes = (routes: readonly HttpRoute[], { overrides }: ServeOptions = {}) => {
  const container = createContainer(overrides);
  const sorted = [...routes].sort((a, b) => specificity(a.path).localeCompare(specificity(b.path)));
  const router = httpRouterHandler({
    routes: sorted.map((route) => ({ method: route.method, path: route.path, handler: handlerOf(route, container) })),
    notFoundResponse: ({ method, path }: { method: string; path: string }) => {
      throw new NotFoundError(say(`没有此路径：${method} ${path}`, `No such path: ${method} ${path}`));
    },
  });
  return withHttp(router as unknown as RouteHandler);
};
