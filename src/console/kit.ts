import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DialectServices } from '../front/services.js';
import type { CallContext } from '../core/principal.js';
import type { ConsoleSessionsService, LiveSession } from '../core/sessions/console-sessions-service.js';
import { FormError, SESSION_COOKIE, SIGN_IN_COOKIE, clearCookie, field, parseForm, requestFacts, sameToken, type Form } from './http.js';
import type { MfaDevices } from './mfa-devices.js';

/** Data every page's layout reads; each page adds its own. */
export interface PageData {
  title: string;
  error?: string;
  notice?: string;
  [key: string]: unknown;
}

/** Why a request was refused before its handler ran: the page says it, nothing changed. */
export class ConsoleRefusal extends Error {
  constructor(
    readonly status: number,
    readonly text: string,
  ) {
    super(text);
  }
}

export const STALE_FORM = 'This form has expired or did not come from this console. Go back, reload the page and try again.';

/**
 * What every console route uses: the services, the session of the request (read once per request),
 * the views, and the CSRF check.
 */
export class ConsoleKit {
  // SECURITY: eta escapes `<%= %>` output (autoEscape, its default, set explicitly so no upgrade turns it
  // off); the raw `<%~ %>` form is used only for the layout's body and included partials, never user data
  readonly eta = memoizedPaths(new Eta({ views: join(dirname(fileURLToPath(import.meta.url)), 'views'), cache: true, autoEscape: true }));
  private readonly live_ = new WeakMap<FastifyRequest, Promise<LiveSession | undefined>>();

  constructor(
    readonly services: DialectServices,
    readonly sessions: ConsoleSessionsService,
    readonly mfa: MfaDevices,
  ) {}

  /** The request's session if its cookie names a live one (checked against the database once per request). */
  live(request: FastifyRequest): Promise<LiveSession | undefined> {
    let found = this.live_.get(request);
    if (!found) {
      const token = request.cookies[SESSION_COOKIE];
      found = token ? this.sessions.resume(token) : Promise.resolve(undefined);
      this.live_.set(request, found);
    }
    return found;
  }

  /** The active session, or a redirect to where this browser must go first (sign-in, change, verify). */
  async active(request: FastifyRequest, reply: FastifyReply): Promise<LiveSession | undefined> {
    const live = await this.live(request);
    if (!live) {
      const ended = request.cookies[SESSION_COOKIE] !== undefined;
      if (ended) clearCookie(reply, SESSION_COOKIE);
      // a browser whose session ended (timeout, sign-out elsewhere, password change) is told so
      await reply.redirect(ended ? '/console/sign-in?ended=1' : '/console/sign-in', 303);
      return undefined;
    }
    if (live.session.stage === 'password-change') {
      await reply.redirect('/console/change-password', 303);
      return undefined;
    }
    if (live.session.stage === 'second-factor') {
      await reply.redirect('/console/verify', 303);
      return undefined;
    }
    return live;
  }

  context(live: LiveSession, request: FastifyRequest): CallContext {
    return this.sessions.contextOf(live, requestFacts(request));
  }

  /**
   * The posted form, once its CSRF token matched the session's (or, signed out, the sign-in cookie's).
   * @throws ConsoleRefusal 403 on a missing or wrong token, 400 on a body that is not a form
   */
  async form(request: FastifyRequest, live: LiveSession | undefined): Promise<Form> {
    let form: Form;
    try {
      form = parseForm(request);
    } catch (err) {
      if (err instanceof FormError) throw new ConsoleRefusal(400, 'The form could not be read. Go back and try again.');
      throw err;
    }
    const expected = live ? live.session.csrfToken : (request.cookies[SIGN_IN_COOKIE] ?? '');
    // SECURITY: every state-changing form carries the token; a cross-site post cannot read it
    if (!sameToken(field(form, 'csrf', 128), expected)) throw new ConsoleRefusal(403, STALE_FORM);
    return form;
  }

  async render(reply: FastifyReply, view: string, data: PageData, status = 200): Promise<void> {
    const html = this.eta.render(`./${view}`, { nav: false, csrf: '', ...data });
    await reply.code(status).type('text/html; charset=utf-8').send(html);
  }

  /** A page with just a message and a way on. */
  message(reply: FastifyReply, status: number, title: string, text: string, next = '/console', nextLabel = 'Go to the console'): Promise<void> {
    return this.render(reply, 'message', { title, text, next, nextLabel }, status);
  }

  /** Layout data of a signed-in page: the navigation and the sign-out form's token. */
  chrome(live: LiveSession): { nav: true; csrf: string } {
    return { nav: true, csrf: live.session.csrfToken };
  }
}

/**
 * eta resolves a view's file path at every render (a JSON key, joins, a views-directory check), though
 * it caches the compiled template: the CPU profile of the sign-in page shows it as a quarter of the
 * render. The console's view names are fixed in code, so each name (and the file including it)
 * resolves once; the first resolution still runs eta's check that the file is inside the views directory.
 */
function memoizedPaths(eta: Eta): Eta {
  const resolve = eta.resolvePath;
  if (!resolve) return eta;
  const resolved = new Map<string, string>();
  const memoized: typeof resolve = function (template, options) {
    const key = `${options?.filepath ?? ''}\0${template}`;
    let path = resolved.get(key);
    if (path === undefined) {
      path = resolve.call(this, template, options);
      resolved.set(key, path);
    }
    return path;
  };
  eta.resolvePath = memoized;
  return eta;
}
