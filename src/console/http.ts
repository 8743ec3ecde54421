import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ConsoleRequestFacts } from '../core/sessions/console-sessions-service.js';

export const SESSION_COOKIE = 'polyiam_session';
/** SECURITY: the anonymous sign-in form's CSRF token (double submit: no session exists yet to hold one) */
export const SIGN_IN_COOKIE = 'polyiam_signin';
/** a random id of this browser, for login protection's "trust this browser" (issue #11) */
export const DEVICE_COOKIE = 'polyiam_device';
export const COOKIE_PATH = '/console';
/** a form post larger than this is refused before it is parsed */
export const FORM_BODY_LIMIT = 16 * 1024;

/**
 * SECURITY: every console page. No inline script anywhere (the CSP has no script source at all), no
 * framing (clickjacking), no referrer leaking console paths, no MIME sniffing, nothing cached.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

export function requestFacts(request: FastifyRequest): ConsoleRequestFacts {
  const agent = request.headers['user-agent'];
  return {
    requestId: request.id,
    sourceIp: request.ip ?? null,
    // bounded: the user agent is stored with every sign-in attempt
    userAgent: typeof agent === 'string' ? agent.slice(0, 512) : null,
    secureTransport: request.protocol === 'https',
  };
}

/** SECURITY: HttpOnly, SameSite=Lax, Path=/console, Secure when the request came over TLS. */
export function setCookie(reply: FastifyReply, request: FastifyRequest, name: string, value: string, maxAgeSeconds?: number): void {
  reply.setCookie(name, value, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  });
}

export function clearCookie(reply: FastifyReply, name: string): void {
  reply.clearCookie(name, { path: COOKIE_PATH });
}

/** A form field's value, '' when absent; fields are bounded by the body limit. */
export type Form = URLSearchParams;

export class FormError extends Error {}

/**
 * Parses an `application/x-www-form-urlencoded` body (raw bytes from the server's catch-all parser).
 * @throws FormError for another content type or a body that is not text
 */
export function parseForm(request: FastifyRequest): Form {
  const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new FormError(`unsupported content type \`${type}\``);
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  if (body.length > FORM_BODY_LIMIT) throw new FormError('form too large');
  return new URLSearchParams(body.toString('utf8'));
}

export function field(form: Form, name: string, maxLength = 1024): string {
  return (form.get(name) ?? '').slice(0, maxLength);
}

/** SECURITY: constant-time, so the token cannot be learned a byte at a time from response times */
export function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
