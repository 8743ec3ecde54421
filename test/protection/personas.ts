/**
 * The dialect protection matrix (issue #5 item 7): every persona against every operation of every
 * dialect's table, each over a real signed request on a fresh fixture. Each `<dialect>.test.ts` gives
 * one row per operation (how to build its request) and how its SDK signs; this file sets up the
 * personas and fixtures through the core services and holds the expected table; matrix.ts runs it.
 *
 * Classification is not written by hand: the root's request is run first while the core authorizer
 * is watched, and the actions it was asked about decide the class by their AWS names (ACTION_NAMES):
 * `read` when every one is a Get/List/Simulate (what AWS IAMReadOnlyAccess grants), `write` when any
 * other or unknown action was asked (a new policy operation is `write` unless its action reads),
 * `self` when nothing was (the caller's own password, token or account).
 */
import assert from 'node:assert/strict';
import type { CoreDeps } from '../../src/core/deps.js';
import type { IamAction } from '../../src/core/authorization/actions.js';
import { ACTION_NAMES } from '../../src/core/evaluation/action-names.js';
import type { PolicySyntax } from '../../src/core/policies/document.js';
import { SystemPolicyIds } from '../../src/core/policies/system-policies.js';
import { systemContext, type CallContext } from '../../src/core/principal.js';
import { PlainPassword } from '../../src/core/secrets.js';
import { ADMIN_GROUP_NAME } from '../../src/core/users/group.js';
import { AccessDeniedError, isIamError, NotFoundError } from '../../src/core/errors.js';
import type { DialectServices } from '../../src/front/services.js';
import { contextFor } from '../support/personas.js';
import { startTestServer, type TestServer } from '../support/server.js';

export type PersonaName = 'root' | 'admin' | 'reader' | 'nobody' | 'disabled' | 'foreign';
/** root first: its run classifies the operation */
export const PERSONAS: readonly PersonaName[] = ['root', 'admin', 'reader', 'nobody', 'disabled', 'foreign'];

export interface Keys {
  ak: string;
  sk: string;
}

export interface Persona {
  name: PersonaName;
  userId: string;
  userName: string;
  /** the account it belongs to (the foreign root's is not the fixture's) */
  accountName: string;
  keys: Keys;
  /** its current console password; rows that change it set the next one on success */
  password: string;
}

/** What each operation acts on: made by the root through the core, fresh for every request. */
export interface Fixture {
  /** a user with a login profile (FIXTURE_PASSWORD), an access key, a tag `team=x` and a group */
  user: { id: string; name: string; numericId: number };
  /** a user with nothing: to create a login profile for, to delete, to add to a group */
  bare: { id: string; name: string };
  keyId: string;
  group: { id: string; name: string };
  /** a custom policy (AWS syntax) with a second, non-default version `v2`, attached to `user` and `group` */
  policy: { id: string; name: string };
  /** a group with no members and no policies */
  emptyGroup: { id: string; name: string };
  /** a custom policy attached nowhere */
  spare: { id: string; name: string };
  /** `user`'s inline policy */
  inlinePolicyName: string;
  /** a role trusting the persona `p-reader` by name and the account (issue #13), with `policy` attached, an inline policy `fx-role-inline` and a tag */
  role: { id: string; name: string };
  /** a role with no policies, to delete */
  bareRole: { id: string; name: string };
  /** an authorization message of the fixture's account (a denial of `user`) */
  encoded: string;
  account: { id: string; name: string; awsAccountId: string; numericId: number };
  /** identifiers of the fixture's account: a request naming one is aimed at it; an answer to the foreign root must hold none it did not send */
  marks: string[];
}

/** what the fixture's custom policies say: reading users */
export const POLICY_DOCUMENT = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] });
export const FIXTURE_PASSWORD = 'Fixture#Pass2024';
const PERSONA_PASSWORD = 'Persona#Pass2024';

export type OpClass = 'read' | 'write' | 'self' | 'public';
/**
 * - allow: the request reached the operation: 2xx, or a 4xx other than 401/403/404 (the operation's own refusal)
 * - deny: 403
 * - refused: authentication failed, 401 or 403
 * - isolated: aimed at the fixture's account, 401, 403 or 404; otherwise anything but 5xx, with nothing of that account in the answer
 */
export type Expectation = 'allow' | 'deny' | 'refused' | 'isolated';

/** The expected outcome per class and persona: the matrix as data. */
export const EXPECTED: Record<OpClass, Record<PersonaName, Expectation>> = {
  read: { root: 'allow', admin: 'allow', reader: 'allow', nobody: 'deny', disabled: 'refused', foreign: 'isolated' },
  write: { root: 'allow', admin: 'allow', reader: 'deny', nobody: 'deny', disabled: 'refused', foreign: 'isolated' },
  // granted by no identity policy: the caller's own password (AllowUsersToChangePassword), token, account
  self: { root: 'allow', admin: 'allow', reader: 'allow', nobody: 'allow', disabled: 'refused', foreign: 'isolated' },
  // unauthenticated by design (Keystone version discovery)
  public: { root: 'allow', admin: 'allow', reader: 'allow', nobody: 'allow', disabled: 'allow', foreign: 'allow' },
};

/**
 * AWS IAMReadOnlyAccess as published: `iam:Get*`, `iam:List*`, the two simulations, the credential
 * and last-accessed reports. An action reads when its AWS name is one of these.
 */
const READ_ACTIONS = /^iam:(Get|List|SimulateCustomPolicy$|SimulatePrincipalPolicy$|GenerateCredentialReport$|GenerateServiceLastAccessedDetails$)/;

export function isReadAction(action: string): boolean {
  const names = ACTION_NAMES.get(action as IamAction);
  return names !== undefined && READ_ACTIONS.test(names.aws);
}

export function classify(actions: readonly string[]): Exclude<OpClass, 'public'> {
  if (actions.length === 0) return 'self';
  return actions.every(isReadAction) ? 'read' : 'write';
}

export interface Wire {
  status: number;
  text: string;
}

export interface Planned<R> {
  req: R;
  /** after a 2xx: what the request changed about the persona (its password) */
  done?(): void;
}

/** How to call one operation as `persona` on `fx`; `n` is unique per request, for fresh names. */
export type Row<R> = (persona: Persona, fx: Fixture, n: number, env: MatrixEnv) => Planned<R> | Promise<Planned<R>>;

export interface DialectMatrix<R> {
  dialect: string;
  /** the operation names of the dialect's live table, read when the suite is defined */
  operations: string[];
  rows: Record<string, Row<R>>;
  /** operations anyone may call without credentials */
  publicOperations?: string[];
  /** operations whose outcome per persona no class describes (AssumeRole: the trust policy decides) */
  expectations?: Record<string, Record<PersonaName, Expectation>>;
  send(env: MatrixEnv, persona: Persona, req: R, operation: string): Promise<Wire>;
  /**
   * Query dialects: the policy language and the vendor action an operation is, `iam:<Action>`. A
   * policy granting exactly that name must grant the operation, so every core action it authorizes
   * must go by that name in the dialect's syntax. `known`: exceptions, with the reason.
   */
  vendorActions?: { syntax: PolicySyntax; name(operation: string): string; known?: Record<string, string> };
}

export interface MatrixEnv {
  server: TestServer;
  personas: Record<PersonaName, Persona>;
  fixture(): Promise<Fixture>;
  /** core actions the authorizer was asked about between start() and stop() */
  watch: { start(): void; stop(): string[] };
  close(): Promise<void>;
}

const pw = (s: string) => new PlainPassword(s);

export async function startMatrixEnv(): Promise<MatrixEnv> {
  const server = await startTestServer({ accessLog: false });
  const s = server.polyiam.services;
  const acme = server.root;
  const root: CallContext = systemContext(acme.account.id, acme.root.user_id, acme.root.user_name);
  const account = (await s.accounts.findById(acme.account.id))!;

  // the authorizer every core service shares (one CoreDeps): watched, not replaced
  const deps = (s.users as unknown as { deps: CoreDeps }).deps;
  const authorizer = deps.authorizer;
  const authorize = authorizer.authorize.bind(authorizer);
  let seen: string[] | undefined;
  authorizer.authorize = async (ctx, action, resource, facts) => {
    seen?.push(action);
    return authorize(ctx, action, resource, facts);
  };

  async function user(name: string, options: { enabled?: boolean; policy?: string; admin?: boolean } = {}): Promise<Persona> {
    const created = await s.users.create(root, { name, ...(options.enabled === false ? { enabled: false } : {}) });
    await s.loginProfiles.create(root, { id: created.id }, { password: pw(PERSONA_PASSWORD), passwordResetRequired: false });
    const { key, secret } = await s.accessKeys.create(root, { id: created.id });
    if (options.policy) await s.policyAttachments.attachToUser(root, { id: created.id }, { id: options.policy });
    if (options.admin) await s.groups.addUser(root, { name: ADMIN_GROUP_NAME }, { id: created.id });
    return { name: 'nobody', userId: created.id, userName: name, accountName: acme.account.name, keys: { ak: key.id, sk: secret.reveal() }, password: PERSONA_PASSWORD };
  }
  const globex = await server.createAccount('globex', 'GlobexRoot#2024');
  const personas: Record<PersonaName, Persona> = {
    root: { name: 'root', userId: acme.root.user_id, userName: acme.root.user_name, accountName: acme.account.name, keys: { ak: acme.root.access_key_id, sk: acme.root.secret_access_key }, password: acme.root.password },
    admin: { ...(await user('p-admin', { admin: true })), name: 'admin' },
    reader: { ...(await user('p-reader', { policy: SystemPolicyIds.iamReadOnlyAccess })), name: 'reader' },
    nobody: { ...(await user('p-nobody')), name: 'nobody' },
    // full rights do not help a disabled user
    disabled: { ...(await user('p-disabled', { enabled: false, policy: SystemPolicyIds.administratorAccess })), name: 'disabled' },
    foreign: { name: 'foreign', userId: globex.root.user_id, userName: globex.root.user_name, accountName: globex.account.name, keys: { ak: globex.root.access_key_id, sk: globex.root.secret_access_key }, password: globex.root.password },
  };

  let n = 0;
  // INVARIANT: cases run one after another, so the previous case's roles are done with: removing them
  // keeps the matrix under the 1,000-roles-per-account quota as it grows
  let previousRoles: string[] = [];
  let previousSpare: string | undefined;
  async function fixture(): Promise<Fixture> {
    for (const id of previousRoles) await dropRole(s, root, id);
    previousRoles = [];
    // and the spare policy, under the 1,500-policies quota (a case that attached it keeps it)
    if (previousSpare !== undefined) await s.policies.delete(root, { id: previousSpare }, { cascade: false }).catch((err: unknown) => { if (!isIamError(err)) throw err; });
    previousSpare = undefined;
    const i = ++n;
    const target = await s.users.create(root, { name: `fx${i}-user`, tags: [{ key: 'team', value: 'x' }] });
    await s.loginProfiles.create(root, { id: target.id }, { password: pw(FIXTURE_PASSWORD), passwordResetRequired: false });
    const { key } = await s.accessKeys.create(root, { id: target.id });
    const bare = await s.users.create(root, { name: `fx${i}-bare` });
    const group = await s.groups.create(root, { name: `fx${i}-group` });
    await s.groups.addUser(root, { id: group.id }, { id: target.id });
    const { policy } = await s.policies.create(root, { name: `fx${i}-policy`, syntax: 'aws', document: POLICY_DOCUMENT });
    await s.policies.createVersion(root, { id: policy.id }, { document: POLICY_DOCUMENT, setAsDefault: false });
    await s.policyAttachments.attachToUser(root, { id: target.id }, { id: policy.id });
    await s.policyAttachments.attachToGroup(root, { id: group.id }, { id: policy.id });
    const emptyGroup = await s.groups.create(root, { name: `fx${i}-empty` });
    const { policy: spare } = await s.policies.create(root, { name: `fx${i}-spare`, syntax: 'aws', document: POLICY_DOCUMENT });
    previousSpare = spare.id;
    await s.inlinePolicies.put(root, { id: target.id }, { name: 'fx-inline', syntax: 'aws', document: POLICY_DOCUMENT });
    let encoded = '';
    await s.users.delete(contextFor(target), { id: bare.id }, { cascade: true }).catch((err: unknown) => {
      if (err instanceof AccessDeniedError && err.encodedMessage) encoded = err.encodedMessage;
    });
    assert.ok(encoded, 'the fixture holds an authorization message');
    await s.groupInlinePolicies.put(root, { id: group.id }, { name: 'fx-group-inline', syntax: 'aws', document: POLICY_DOCUMENT });
    const trustPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${account.awsAccountId}:user/p-reader`, account.awsAccountId] }, Action: 'sts:AssumeRole' }] });
    const { role } = await s.roles.create(root, { name: `fx${i}-role`, trustPolicy, syntax: 'aws', tags: [{ key: 'team', value: 'x' }] });
    await s.roles.attachPolicy(root, { id: role.id }, { id: policy.id });
    await s.roleInlinePolicies.put(root, { id: role.id }, { name: 'fx-role-inline', syntax: 'aws', document: POLICY_DOCUMENT });
    const { role: bareRole } = await s.roles.create(root, { name: `fx${i}-bare-role`, trustPolicy, syntax: 'aws' });
    previousRoles = [role.id, bareRole.id];
    // a custom policy equal to the defaults: users may change their password, and there is one to delete
    await s.passwordPolicy.update(root, {}, 'defaults');
    return {
      user: { id: target.id, name: target.name, numericId: target.numericId },
      bare: { id: bare.id, name: bare.name },
      keyId: key.id,
      group: { id: group.id, name: group.name },
      policy: { id: policy.id, name: policy.name },
      spare: { id: spare.id, name: spare.name },
      emptyGroup: { id: emptyGroup.id, name: emptyGroup.name },
      inlinePolicyName: 'fx-inline',
      role: { id: role.id, name: role.name },
      bareRole: { id: bareRole.id, name: bareRole.name },
      encoded,
      account: { id: account.id, name: account.name, awsAccountId: account.awsAccountId, numericId: account.numericId },
      marks: [target.id, target.name, bare.id, bare.name, key.id, group.id, group.name, emptyGroup.id, emptyGroup.name, policy.id, policy.name, spare.id, spare.name, role.id, role.name, bareRole.id, bareRole.name, account.id, account.awsAccountId, String(account.numericId), account.name],
    };
  }

  return {
    server,
    personas,
    fixture,
    watch: {
      start: () => void (seen = []),
      stop() {
        const got = seen ?? [];
        seen = undefined;
        return got;
      },
    },
    close: () => server.close(),
  };
}

/** Removes a role whatever the case did to it: its attachments and inline policies first (DeleteConflict). */
async function dropRole(s: DialectServices, root: CallContext, id: string): Promise<void> {
  try {
    for (const attached of (await s.roles.listAttachedPolicies(root, { id })).policies) await s.roles.detachPolicy(root, { id }, { id: attached.policy.id });
    for (const inline of (await s.roleInlinePolicies.list(root, { id })).policies) await s.roleInlinePolicies.delete(root, { id }, inline.name);
    // issue #15: a role an instance profile holds cannot be deleted
    for (const held of await s.instanceProfiles.listForRole(root, { id })) await s.instanceProfiles.removeRole(root, held.profile.name, { id });
    await s.roles.delete(root, { id });
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
}
