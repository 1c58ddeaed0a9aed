import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Role } from '../shared/actor.ts';
import { holdsRole } from '../modules/accounts/access.rules.ts';
import { DomainError, forbidden } from '../shared/errors.ts';
import type { AuthService, SignedIn } from '../modules/accounts/auth.service.ts';

export const SESSION_COOKIE = 'sunlit_session';

/**
 * Who may call a route. `user` (the default: anything not marked otherwise needs a session and, for writes, the CSRF
 * token), `public` (anyone; writes checked by Origin), `login` (anyone, Origin-checked: the login form itself).
 */
export type Access = 'user' | 'public' | 'login';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** The route needs a grant with one of these roles (on any unit; scoping by unit is the service's job). */
    roles?: readonly Role[];
  }
  interface FastifyRequest {
    signedIn: SignedIn | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Login and anonymous writes are protected by Origin: a browser always sends it on cross-site POSTs. The server's own
 * origin is accepted whatever host and port it is reached on, plus any configured ones; a request with no Origin
 * (curl, scripts) is not a browser CSRF and passes.
 */
export function originAllowed(req: FastifyRequest, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  // req.host honours X-Forwarded-Host when SUNLIT_TRUST_PROXY is set, as req.protocol does X-Forwarded-Proto.
  const own = `${req.protocol}://${req.host}`;
  return origin === own || allowed.includes(origin);
}

export function registerAuth(app: FastifyInstance, deps: { auth: AuthService; allowedOrigins: readonly string[] }) {
  app.decorateRequest('signedIn', null);

  // Decisions follow the matched route, never the raw URL: `/%61pi/…` is routed as `/api/…` too.
  const routeOf = (req: FastifyRequest) => req.routeOptions.url ?? '';

  app.addHook('onRequest', async (req) => {
    if (!routeOf(req).startsWith('/api/')) return;
    req.signedIn = await deps.auth.authenticate(req.cookies[SESSION_COOKIE]);
  });

  // preValidation, so that an anonymous caller learns it must sign in before learning what input is valid.
  app.addHook('preValidation', async (req) => {
    if (!routeOf(req).startsWith('/api/')) return;
    const access: Access = req.routeOptions.config?.access ?? 'user';
    const writing = !SAFE_METHODS.has(req.method);
    if (access === 'user') {
      if (!req.signedIn) throw new DomainError('auth.required', { zh: '请先登录', en: 'Please sign in' });
      if (writing) {
        const sent = req.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !sameToken(sent, req.signedIn.csrfToken)) {
          throw new DomainError('auth.csrf', { zh: '页面已过期，请刷新后重试', en: 'The page is out of date; reload and try again' });
        }
      }
      const roles = req.routeOptions.config?.roles;
      if (roles && !holdsRole(req.signedIn.actor, roles)) throw forbidden();
    } else if (writing && !originAllowed(req, deps.allowedOrigins)) {
      throw new DomainError('auth.origin', { zh: '请求来源不被接受', en: 'Requests from this origin are not accepted' }, { origin: req.headers.origin });
    }
  });
}

/** The signed-in actor of a `user` route (the preHandler has made sure there is one). */
export function userOf(req: FastifyRequest): SignedIn {
  if (!req.signedIn) throw new DomainError('auth.required', { zh: '请先登录', en: 'Please sign in' });
  return req.signedIn;
}

export const actorOf = (req: FastifyRequest): Actor => userOf(req).actor;

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string | null) {
  reply.setCookie(SESSION_COOKIE, token ?? '', {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https',
    path: '/',
    ...(token === null ? { maxAge: 0 } : {}),
  });
}
