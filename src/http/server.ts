import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Sunlit } from '../app.ts';
import { accountsRoutes } from '../modules/accounts/accounts.routes.ts';
import { authRoutes } from '../modules/accounts/auth.routes.ts';
import { securityPolicyRoutes } from '../modules/accounts/security-policy.routes.ts';
import { alertRoutes } from '../modules/alerts/alert.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { caseRoutes } from '../modules/cases/case.routes.ts';
import { calendarRoutes } from '../modules/calendar/calendar.routes.ts';
import { catalogueRoutes } from '../modules/catalogue/catalogue.routes.ts';
import { reviewRoutes } from '../modules/review/review.routes.ts';
import { orgRoutes } from '../modules/org/org.routes.ts';
import { processRoutes } from '../modules/process/process.routes.ts';
import { publicListRoutes } from '../modules/portal/public-list.routes.ts';
import { reformRoutes } from '../modules/reform/reform.routes.ts';
import { DomainError } from '../shared/errors.ts';
import { registerAuth } from './auth.ts';
import { errorHandler } from './errors.ts';

/** Builds the HTTP server over an assembled Sunlit: plugins, security, every module's routes, the web app. */
export async function buildServer(app: Sunlit, options: { logger?: FastifyServerOptions['logger'] } = {}) {
  const http = Fastify({
    logger: options.logger ?? false,
    trustProxy: app.config.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array' } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  http.setErrorHandler(errorHandler);
  await http.register(cookie);
  await http.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await http.register(rateLimit, { global: false });
  await http.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Sunlit 阳光权力运行平台 API', version: '1' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sunlit_session' } } },
    },
  });
  registerAuth(http, { auth: app.auth, allowedOrigins: app.config.allowedOrigins });

  http.get('/api/health', { schema: { hide: true }, config: { access: 'public' } }, async () => {
    const head = await app.audit.head();
    return { status: 'ok', engine: app.db.engine, auditSeq: head.seq, time: app.config.clock.now().toISOString() };
  });
  http.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => http.swagger());

  authRoutes(http, { auth: app.auth, reference: app.reference, loginRateLimitPerMinute: app.config.loginRateLimitPerMinute });
  accountsRoutes(http, { accounts: app.accounts, reference: app.reference });
  securityPolicyRoutes(http, { policies: app.policies });
  orgRoutes(http, { org: app.org, reference: app.reference, countyCode: app.config.countyCode });
  alertRoutes(http, { alerts: app.alerts, org: app.org, reference: app.reference });
  auditRoutes(http, { audit: app.audit });
  catalogueRoutes(http, { catalogue: app.catalogue });
  publicListRoutes(http, {
    publicList: app.publicList,
    countyCode: app.config.countyCode,
    riskMapsPublished: async () => (await app.process.settings(app.config.countyCode)).publishRiskMaps,
  });
  processRoutes(http, { process: app.process, countyCode: app.config.countyCode });
  reviewRoutes(http, { review: app.review });
  reformRoutes(http, { reform: app.reform });
  calendarRoutes(http, { calendar: app.calendar });
  caseRoutes(http, { cases: app.cases, countyCode: app.config.countyCode });

  const webBuilt = existsSync(join(app.config.webDist, 'index.html'));
  if (webBuilt) await http.register(fastifyStatic, { root: app.config.webDist, wildcard: false, index: false });
  http.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET') {
      throw new DomainError('not_found', { zh: '接口不存在', en: 'No such endpoint' }, { path: req.url.split('?')[0] });
    }
    // The web app routes on the client: any other page gets index.html.
    if (!webBuilt) return reply.status(503).type('text/plain; charset=utf-8').send('The web app is not built: run `npm run build:web`.');
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });

  await http.ready();
  return http;
}
