import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { DialectServices } from '../front/services.js';
import type { ConsoleSessionsService } from '../core/sessions/console-sessions-service.js';
import { registerAccessKeyRoutes } from './access-key-routes.js';
import { registerAdminRoutes } from './admin-routes.js';
import { registerLoginPolicyRoutes } from './login-policy-routes.js';
import { registerOperationProtectionRoutes } from './operation-protection.js';
import { SECURITY_HEADERS } from './http.js';
import { ConsoleKit, ConsoleRefusal } from './kit.js';
import { CoreMfaDevices, type MfaDevices } from './mfa-devices.js';
import { registerPolicyRoutes } from './policy-routes.js';
import { registerProtectPolicyRoutes } from './protect-policy-routes.js';
import { registerSelfRoutes } from './self-routes.js';
import { registerContactRoutes } from './contact-routes.js';
import { registerSignInRoutes } from './sign-in-routes.js';

export interface ConsoleOptions {
  services: DialectServices;
  sessions: ConsoleSessionsService;
  /** virtual MFA devices (issue #11); unavailable until the mfa branch's service is plugged in */
  mfa?: MfaDevices;
}

const CSS = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'console.css'));
/** the one script of the console: progressive enhancement of the access-key page's copy button */
const COPY_JS = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'copy.js'));
/** headers a page may set for itself: the stylesheet its caching, the access-key page its CSP */
const PAGE_OWN_HEADERS = new Set(['cache-control', 'content-security-policy']);

/**
 * The web console (issue #12), mounted with prefix `/console`: server-rendered pages that work without
 * JavaScript, calling the same core services as the dialects. Cookies, form parsing, security headers
 * and the error pages stay inside this plugin.
 */
export async function consolePlugin(app: FastifyInstance, options: ConsoleOptions): Promise<void> {
  await app.register(fastifyCookie);
  const kit = new ConsoleKit(options.services, options.sessions, options.mfa ?? new CoreMfaDevices(options.services.mfaDevices));

  app.addHook('onSend', (_request, reply, payload, done) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      // the stylesheet sets its own caching, the access-key page its CSP; every other header is the same on every response
      if (!PAGE_OWN_HEADERS.has(name) || !reply.hasHeader(name)) reply.header(name, value);
    }
    done(null, payload);
  });

  app.get('/static/console.css', async (_request, reply) => {
    // the one stylesheet changes only with a release: a day of caching, overriding the pages' no-store
    return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(CSS);
  });

  app.get('/static/copy.js', async (_request, reply) => {
    return reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(COPY_JS);
  });

  registerSignInRoutes(app, kit);
  registerSelfRoutes(app, kit);
  registerAdminRoutes(app, kit);
  registerPolicyRoutes(app, kit);
  registerLoginPolicyRoutes(app, kit);
  registerOperationProtectionRoutes(app, kit);
  registerAccessKeyRoutes(app, kit);
  registerProtectPolicyRoutes(app, kit);
  registerContactRoutes(app, kit);

  app.setNotFoundHandler((_request, reply) => kit.message(reply, 404, 'Page not found', 'There is no console page here.'));

  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof ConsoleRefusal) return kit.message(reply, err.status, err.status === 403 ? 'Request refused' : 'Request not understood', err.text);
    if (err.statusCode === 413) return kit.message(reply, 413, 'Form too large', 'The form was too large to be read. Nothing was changed.');
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return kit.message(reply, err.statusCode, 'Request not understood', 'The request could not be read. Nothing was changed.');
    }
    // SECURITY: the stack goes to the log only; the page names the request id for support
    request.log.error({ err }, 'console request failed');
    return kit.message(reply, 500, 'Something went wrong', `The console could not complete the request (request id ${request.id}). Try again.`);
  });
}
