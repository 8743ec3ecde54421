import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_ACCESS_KEYS_PER_USER, type AccessKeyView } from '../core/access-keys/access-key.js';
import { isIamError } from '../core/errors.js';
import type { LiveSession } from '../core/sessions/console-sessions-service.js';
import type { UserRef } from '../core/users/user-ref.js';
import { FORM_BODY_LIMIT, SECURITY_HEADERS, field } from './http.js';
import type { ConsoleKit } from './kit.js';
import { errorText, formatTime } from './messages.js';
import { guardOperation } from './operation-protection.js';

const form = { bodyLimit: FORM_BODY_LIMIT };
/** AWS LimitExceeded (CreateAccessKey): "Cannot exceed quota for AccessKeysPerUser: 2"; Huawei's console allows 2 as well */
export const KEY_LIMIT_TEXT = `Cannot exceed quota for AccessKeysPerUser: ${MAX_ACCESS_KEYS_PER_USER}. Delete an access key before creating another.`;
/** access key ids as the core issues them; anything else in a path names no key */
const KEY_ID = /^[A-Za-z0-9]{8,128}$/;

/**
 * The page a created key's secret is shown on may run the one static script of the console (the copy
 * button): its CSP adds `script-src 'self'`, still with no inline script. Every other page keeps none.
 */
const CREATED_PAGE_CSP = `${SECURITY_HEADERS['content-security-policy']}; script-src 'self'`;

/** Whose keys a page shows: the signed-in user's own (My access keys), or a user's for an administrator. */
interface KeyOwner {
  ref: UserRef;
  /** the console path of the keys page */
  base: string;
  title: string;
  /** what an operation-protection page calls the keys */
  whose: string;
  /** the signed-in user's own keys: the account's `allow_user.manage_accesskey` applies */
  self: boolean;
}

/** Huawei protect_policy allow_user.manage_accesskey false: IAM users do not manage their own keys */
export const KEYS_NOT_SELF_MANAGED = 'Your administrator does not let users manage their own access keys (operation protection policy). Ask an administrator.';

/** false when the policy keeps the signed-in user from changing its own keys */
function mayChange(kit: ConsoleKit, live: LiveSession, request: FastifyRequest, owner: KeyOwner): Promise<boolean> {
  return owner.self ? kit.services.protectPolicy.allowsSelf(kit.context(live, request), 'manageAccessKey') : Promise.resolve(true);
}

function ownerOf(live: LiveSession, request: FastifyRequest): KeyOwner {
  const name = (request.params as { name?: string }).name;
  if (name === undefined) return { ref: { id: live.user.id }, base: '/console/security/access-keys', title: 'My access keys', whose: 'your', self: true };
  return { ref: { name }, base: `/console/users/${encodeURIComponent(name)}/access-keys`, title: `Access keys of ${name}`, whose: `${name}'s`, self: false };
}

/**
 * Access keys in the console: the signed-in user's own (`/security/access-keys`) and an administrator's
 * view of a user's (`/users/:name/access-keys`). Each action is the core command the dialects call
 * (AWS CreateAccessKey, Huawei CreatePermanentAccessKey, ...), authorized and audited alike. Creating
 * and deleting a key are sensitive operations under operation protection (Huawei's list of critical
 * operations names both).
 */
export function registerAccessKeyRoutes(app: FastifyInstance, kit: ConsoleKit): void {
  for (const prefix of ['/security/access-keys', '/users/:name/access-keys']) {
    app.get(prefix, async (request, reply) => {
      const live = await kit.active(request, reply);
      if (live) return keysPage(kit, request, reply, live, ownerOf(live, request), {});
    });

    app.post(prefix, form, async (request, reply) => {
      const live = await kit.active(request, reply);
      if (!live) return;
      await kit.form(request, live);
      const owner = ownerOf(live, request);
      if (!(await mayChange(kit, live, request, owner))) return keysPage(kit, request, reply, live, owner, { error: KEYS_NOT_SELF_MANAGED }, 403);
      try {
        if (!(await guardOperation(kit, live, request, reply, owner.base, `create an access key (${owner.whose} access keys)`))) return;
        const created = await kit.services.accessKeys.create(kit.context(live, request), owner.ref);
        // SECURITY: the one response that carries the secret; never stored by the console, never cached
        reply.header('content-security-policy', CREATED_PAGE_CSP);
        return kit.render(reply, 'access-key-created', {
          title: 'Access key created',
          ...kit.chrome(live),
          base: owner.base,
          keyId: created.key.id,
          userName: created.userName,
          secret: created.secret.reveal(),
        });
      } catch (err) {
        if (!isIamError(err)) throw err;
        const error = err.kind === 'limit-exceeded' ? KEY_LIMIT_TEXT : errorText(err);
        return keysPage(kit, request, reply, live, owner, { error }, err.kind === 'access-denied' ? 403 : 400);
      }
    });

    app.post<{ Params: { keyId: string } }>(`${prefix}/:keyId/status`, form, async (request, reply) => {
      const live = await kit.active(request, reply);
      if (!live) return;
      const body = await kit.form(request, live);
      const owner = ownerOf(live, request);
      const keyId = request.params.keyId;
      const status = field(body, 'status') === 'active' ? 'active' : 'inactive';
      if (!(await mayChange(kit, live, request, owner))) return keysPage(kit, request, reply, live, owner, { error: KEYS_NOT_SELF_MANAGED }, 403);
      try {
        if (!KEY_ID.test(keyId)) return keysPage(kit, request, reply, live, owner, { error: 'There is no such access key.' }, 404);
        await kit.services.accessKeys.updateStatus(kit.context(live, request), owner.ref, keyId, status);
        return keysPage(kit, request, reply, live, owner, { notice: `Access key ${keyId} is ${status === 'active' ? 'active' : 'inactive'}.` });
      } catch (err) {
        if (!isIamError(err)) throw err;
        return keysPage(kit, request, reply, live, owner, { error: err.kind === 'not-found' ? 'There is no such access key.' : errorText(err) }, statusOf(err.kind));
      }
    });

    // the confirmation asked before a delete: a page of its own, so it works without JavaScript
    app.get<{ Params: { keyId: string } }>(`${prefix}/:keyId/delete`, async (request, reply) => {
      const live = await kit.active(request, reply);
      if (!live) return;
      const owner = ownerOf(live, request);
      const keyId = request.params.keyId;
      const keys = await ownKeys(kit, request, live, owner);
      const key = keys.ok ? keys.keys.find((k) => k.id === keyId) : undefined;
      if (!key) return keysPage(kit, request, reply, live, owner, { error: keys.ok ? 'There is no such access key.' : keys.error }, keys.ok ? 404 : 403);
      return kit.render(reply, 'access-key-delete', { title: 'Delete access key', ...kit.chrome(live), base: owner.base, keyId, status: key.status === 'active' ? 'Active' : 'Inactive', lastUsed: formatTime(key.lastUsedAt) });
    });

    app.post<{ Params: { keyId: string } }>(`${prefix}/:keyId/delete`, form, async (request, reply) => {
      const live = await kit.active(request, reply);
      if (!live) return;
      const body = await kit.form(request, live);
      const owner = ownerOf(live, request);
      const keyId = request.params.keyId;
      if (!(await mayChange(kit, live, request, owner))) return keysPage(kit, request, reply, live, owner, { error: KEYS_NOT_SELF_MANAGED }, 403);
      try {
        if (!KEY_ID.test(keyId)) return keysPage(kit, request, reply, live, owner, { error: 'There is no such access key.' }, 404);
        // the confirmation page's button says so; a post from anywhere else is asked again
        if (field(body, 'confirm') !== 'yes') return reply.redirect(`${owner.base}/${encodeURIComponent(keyId)}/delete`, 303);
        if (!(await guardOperation(kit, live, request, reply, `${owner.base}/${encodeURIComponent(keyId)}/delete`, `delete access key ${keyId}`))) return;
        await kit.services.accessKeys.delete(kit.context(live, request), owner.ref, keyId);
        return keysPage(kit, request, reply, live, owner, { notice: `Access key ${keyId} was deleted.` });
      } catch (err) {
        if (!isIamError(err)) throw err;
        return keysPage(kit, request, reply, live, owner, { error: err.kind === 'not-found' ? 'There is no such access key.' : errorText(err) }, statusOf(err.kind));
      }
    });
  }
}

function statusOf(kind: string): number {
  return kind === 'access-denied' ? 403 : kind === 'not-found' ? 404 : 400;
}

async function ownKeys(kit: ConsoleKit, request: FastifyRequest, live: LiveSession, owner: KeyOwner): Promise<{ ok: true; keys: AccessKeyView[] } | { ok: false; error: string; kind: string }> {
  try {
    return { ok: true, keys: (await kit.services.accessKeys.list(kit.context(live, request), owner.ref)).keys };
  } catch (err) {
    if (!isIamError(err)) throw err;
    return { ok: false, error: err.kind === 'not-found' ? 'There is no such user.' : errorText(err), kind: err.kind };
  }
}

async function keysPage(kit: ConsoleKit, request: FastifyRequest, reply: FastifyReply, live: LiveSession, owner: KeyOwner, state: { error?: string; notice?: string }, status = 200): Promise<void> {
  const listed = await ownKeys(kit, request, live, owner);
  if (!listed.ok) {
    const text = state.notice ?? listed.error;
    return kit.render(reply, 'message', { title: owner.title, ...kit.chrome(live), text, next: '/console', nextLabel: 'Back to the home page' }, statusOf(listed.kind));
  }
  return kit.render(
    reply,
    'access-keys',
    {
      title: owner.title,
      ...kit.chrome(live),
      base: owner.base,
      changeable: await mayChange(kit, live, request, owner),
      limit: MAX_ACCESS_KEYS_PER_USER,
      atLimit: listed.keys.length >= MAX_ACCESS_KEYS_PER_USER,
      keys: listed.keys.map((k) => ({
        id: k.id,
        path: `${owner.base}/${encodeURIComponent(k.id)}`,
        active: k.status === 'active',
        created: formatTime(k.createdAt),
        lastUsed: formatTime(k.lastUsedAt),
        service: k.lastUsedService ?? '-',
      })),
      ...state,
    },
    status,
  );
}
