import { createHash } from 'node:crypto';
import { MAX_ACCESS_KEYS_PER_USER, type AccessKey } from '../access-keys/access-key.js';
import { Actions, type IamAction } from '../authorization/actions.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { CallContext } from '../principal.js';
import type { ProjectRepository } from '../projects/ports.js';
import { requireUser, userResource } from '../users/user-ref.js';
import { MAX_BLOB_CHARS, type CredentialFilter, type CredentialRecord, type KeystoneCredential, type KeystoneCredentialRepository, type StoredCredential } from './credential.js';

export interface CredentialInput {
  userId: string;
  projectId: string | null;
  type: string;
  /** JSON text for `ec2` (`{"access", "secret"}`); anything for other types */
  blob: string;
}

export type CredentialChanges = Partial<Pick<CredentialInput, 'projectId' | 'type' | 'blob' | 'userId'>>;

/** Keystone ec2 access ids: they travel in URL paths and in SigV4's `Credential=<id>/<date>/...` */
const ACCESS_ID = /^[A-Za-z0-9._@+=-]{4,128}$/;
/** a secret signs requests: printable ASCII, as every SDK's secret key is */
const SECRET = /^[\x21-\x7e]{8,256}$/;

/**
 * Reads of credentials show their blobs and EC2 secrets (Keystone's API does), so another user's are
 * authorized as changing that user's keys, not as listing them: IAM read-only access (AWS
 * IAMReadOnlyAccess, `iam:credentials:list*`) must not hand out other users' secrets.
 */
const READ_SECRETS = Actions.updateAccessKey;

/** Keystone's id of an ec2 credential: `hashlib.sha256(access).hexdigest()` (keystone/api/credentials.py) */
export const ec2CredentialId = (access: string) => createHash('sha256').update(access).digest('hex');

/**
 * Keystone `/v3/credentials` and `OS-EC2` over the core access keys (issue #16). Authorized as the
 * access-key actions of the credential's user (Huawei's `iam:credentials:*`, the OS-CREDENTIAL API's
 * own names); Keystone's policy lets a user manage its own credentials (`user_id:%(target.credential.user_id)s`),
 * so a call on the caller's own user needs no permission (`caller-itself`).
 */
export class KeystoneCredentialsService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly credentials: KeystoneCredentialRepository,
    private readonly projects: ProjectRepository,
  ) {}

  /** Keystone `POST /v3/credentials`. @throws access-denied | not-found (user, project) | invalid-input | already-exists | limit-exceeded */
  create(ctx: CallContext, input: CredentialInput): Promise<KeystoneCredential> {
    const accountId = ctx.principal.accountId;
    return this.onUser(ctx, Actions.createAccessKey, input.userId, async () => {
      await this.requireTarget(accountId, input.userId, input.projectId);
      if (input.type !== 'ec2') return this.createOpaque(accountId, input);
      const blob = parseEc2Blob(input.blob);
      if (input.projectId === null) throw new InvalidInputError('project_id', 'is required for an `ec2` credential');
      return this.createEc2(accountId, input.userId, input.projectId, blob.access, blob.secret, blob.rest);
    });
  }

  /** Keystone `POST /v3/users/{user_id}/credentials/OS-EC2`: a new access key of the user. */
  createEc2Credential(ctx: CallContext, userId: string, projectId: string): Promise<KeystoneCredential> {
    const accountId = ctx.principal.accountId;
    return this.onUser(ctx, Actions.createAccessKey, userId, async () => {
      await this.requireTarget(accountId, userId, projectId);
      // Keystone's OS-EC2 blob also names the trust, application credential and OAuth token it is tied to
      return this.createEc2(accountId, userId, projectId, this.deps.ids.accessKeyId(), this.deps.ids.secretAccessKey(), { trust_id: null, app_cred_id: null, access_token_id: null });
    });
  }

  /** Keystone `GET /v3/credentials` (filters `user_id`, `type`): the whole account's needs the right to list every user's keys. */
  list(ctx: CallContext, filter: CredentialFilter): Promise<KeystoneCredential[]> {
    const accountId = ctx.principal.accountId;
    const run = async () => (await this.credentials.list(accountId, filter)).map((c) => this.view(c));
    if (filter.userId !== undefined) return this.onUser(ctx, READ_SECRETS, filter.userId, run);
    return runCommand(this.deps, ctx, READ_SECRETS, { type: 'user', accountId }, run);
  }

  /** Keystone `GET /v3/users/{user_id}/credentials/OS-EC2`. @throws access-denied | not-found (user) */
  listEc2Credentials(ctx: CallContext, userId: string): Promise<KeystoneCredential[]> {
    const accountId = ctx.principal.accountId;
    return this.onUser(ctx, READ_SECRETS, userId, async () => {
      await requireUser(this.deps.store, accountId, { id: userId });
      return (await this.credentials.list(accountId, { userId, type: 'ec2' })).map((c) => this.view(c));
    });
  }

  /** @throws access-denied | not-found */
  get(ctx: CallContext, id: string): Promise<KeystoneCredential> {
    return this.onCredential(ctx, READ_SECRETS, id, async (found) => this.view(found));
  }

  /** Keystone `GET /v3/users/{user_id}/credentials/OS-EC2/{access}`. @throws access-denied | not-found */
  getEc2Credential(ctx: CallContext, userId: string, access: string): Promise<KeystoneCredential> {
    return this.onEc2(ctx, READ_SECRETS, userId, access, async (found) => this.view(found));
  }

  /**
   * Keystone `PATCH /v3/credentials/{id}`: the id stays, even when an `ec2` blob names another access
   * id (the old access key is replaced by the new one, which keeps its status). A credential cannot
   * move to another user nor change between `ec2` and another type: the access key is the user's.
   * @throws access-denied | not-found | invalid-input | already-exists
   */
  update(ctx: CallContext, id: string, changes: CredentialChanges): Promise<KeystoneCredential> {
    const { secretBox, clock } = this.deps;
    return this.onCredential(ctx, Actions.updateAccessKey, id, async (found) => {
      if (changes.userId !== undefined && changes.userId !== found.userId) throw new InvalidInputError('user_id', 'a credential cannot be given to another user');
      const type = changes.type ?? found.type;
      if ((type === 'ec2') !== (found.type === 'ec2')) throw new InvalidInputError('type', 'an `ec2` credential stays `ec2`, and no other type becomes one');
      const projectId = changes.projectId !== undefined ? changes.projectId : found.projectId;
      if (changes.projectId !== undefined) await this.requireTarget(found.accountId, found.userId, projectId);
      if (found.type !== 'ec2') {
        const next: CredentialRecord = { ...found, type, projectId, sealedBlob: changes.blob !== undefined ? secretBox.seal(checkBlob(changes.blob)) : found.sealedBlob };
        await this.credentials.update(next);
        return this.view(next);
      }
      if (projectId === null) throw new InvalidInputError('project_id', 'is required for an `ec2` credential');
      const key = found.key!;
      if (changes.blob === undefined) {
        await this.credentials.update({ ...found, projectId });
        return this.view({ ...found, projectId });
      }
      const blob = parseEc2Blob(changes.blob);
      const nextKey: AccessKey = { ...key, id: blob.access, sealedSecret: secretBox.seal(blob.secret), updatedAt: clock.now() };
      const next: StoredCredential = { ...found, projectId, accessKeyId: blob.access, sealedBlob: secretBox.seal(JSON.stringify(blob.rest)), key: nextKey };
      try {
        await this.credentials.update(next, { previousId: key.id, next: nextKey });
      } finally {
        // the signing-key caches of every node drop the old secret (or the old key)
        this.deps.changes.emit({ kind: 'access-key', id: key.id });
      }
      return this.view(next);
    });
  }

  /** Keystone `DELETE /v3/credentials/{id}`; an `ec2` one takes its access key. @throws access-denied | not-found */
  delete(ctx: CallContext, id: string): Promise<void> {
    return this.onCredential(ctx, Actions.deleteAccessKey, id, (found) => this.remove(found));
  }

  /** Keystone `DELETE /v3/users/{user_id}/credentials/OS-EC2/{access}`. @throws access-denied | not-found */
  deleteEc2Credential(ctx: CallContext, userId: string, access: string): Promise<void> {
    return this.onEc2(ctx, Actions.deleteAccessKey, userId, access, (found) => this.remove(found));
  }

  private async remove(found: StoredCredential): Promise<void> {
    try {
      if (!(await this.credentials.delete(found.accountId, found.id))) throw new NotFoundError('credential', found.id);
    } finally {
      if (found.accessKeyId !== null) this.deps.changes.emit({ kind: 'access-key', id: found.accessKeyId });
    }
  }

  private async createOpaque(accountId: string, input: CredentialInput): Promise<KeystoneCredential> {
    const record: CredentialRecord = {
      id: this.deps.ids.hexId(),
      accountId,
      userId: input.userId,
      projectId: input.projectId,
      type: input.type,
      sealedBlob: this.deps.secretBox.seal(checkBlob(input.blob)),
      accessKeyId: null,
      createdAt: this.deps.clock.now(),
    };
    await this.credentials.create(record);
    return this.view(record);
  }

  private async createEc2(accountId: string, userId: string, projectId: string, access: string, secret: string, rest: Record<string, unknown>): Promise<KeystoneCredential> {
    const { secretBox, clock } = this.deps;
    const now = clock.now();
    const key: AccessKey = { id: access, userId, accountId, sealedSecret: secretBox.seal(secret), status: 'active', createdAt: now, updatedAt: now, lastUsedAt: null, lastUsedService: null, lastUsedRegion: null };
    const record: StoredCredential = { id: ec2CredentialId(access), accountId, userId, projectId, type: 'ec2', sealedBlob: secretBox.seal(JSON.stringify(rest)), accessKeyId: access, createdAt: now, key };
    // AWS's and Huawei's limit of two access keys per user holds here too: these are the same keys
    await this.credentials.createEc2(record, key, MAX_ACCESS_KEYS_PER_USER);
    return this.view(record);
  }

  /** the user exists in the caller's account, and so does the project when one is named */
  private async requireTarget(accountId: string, userId: string, projectId: string | null): Promise<void> {
    await requireUser(this.deps.store, accountId, { id: userId });
    if (projectId !== null && !(await this.projects.findById(accountId, projectId))) throw new NotFoundError('project', projectId);
  }

  /** A command on one user's credentials: free for that user itself, authorized for anyone else. */
  private onUser<T>(ctx: CallContext, action: IamAction, userId: string, work: () => Promise<T>): Promise<T> {
    const accountId = ctx.principal.accountId;
    const own = ctx.principal.userId === userId;
    return runCommand(this.deps, ctx, action, userResource(accountId, { id: userId }, this.deps.store), work, undefined, own ? { grantedBy: 'caller-itself' } : {});
  }

  /**
   * A command on one credential named by id: authorized on its owner when it is in the caller's
   * account, otherwise on the account's users and then not found, so an id teaches nothing.
   */
  private async onCredential<T>(ctx: CallContext, action: IamAction, id: string, work: (found: StoredCredential) => Promise<T>): Promise<T> {
    const accountId = ctx.principal.accountId;
    const found = await this.credentials.find(accountId, id);
    if (found) return this.onUser(ctx, action, found.userId, () => work(found));
    const resource: ResourceRef = { type: 'user', accountId };
    return runCommand(this.deps, ctx, action, resource, () => Promise.reject(new NotFoundError('credential', id)));
  }

  private onEc2<T>(ctx: CallContext, action: IamAction, userId: string, access: string, work: (found: StoredCredential) => Promise<T>): Promise<T> {
    const accountId = ctx.principal.accountId;
    return this.onUser(ctx, action, userId, async () => {
      await requireUser(this.deps.store, accountId, { id: userId });
      const found = await this.credentials.findByAccessKey(accountId, access);
      if (!found || found.userId !== userId) throw new NotFoundError('credential', access);
      return work(found);
    });
  }

  private view(c: StoredCredential): KeystoneCredential {
    const { secretBox } = this.deps;
    const base = { id: c.id, accountId: c.accountId, userId: c.userId, projectId: c.projectId, type: c.type };
    if (c.type !== 'ec2' || !c.key) return { ...base, blob: secretBox.open(c.sealedBlob) };
    const rest = JSON.parse(secretBox.open(c.sealedBlob)) as Record<string, unknown>;
    const secret = secretBox.open(c.key.sealedSecret);
    const trustId = typeof rest.trust_id === 'string' ? rest.trust_id : null;
    return { ...base, blob: JSON.stringify({ access: c.key.id, secret, ...rest }), access: c.key.id, secret, trustId };
  }
}

function checkBlob(blob: string): string {
  if (blob.length < 1 || blob.length > MAX_BLOB_CHARS) throw new InvalidInputError('blob', `must be 1 to ${MAX_BLOB_CHARS} characters`);
  return blob;
}

/**
 * An `ec2` blob: a JSON object with `access` and `secret` (Keystone `_validate_blob_json`), other
 * fields kept as given. SECURITY: no message quotes the blob, it holds a secret.
 */
function parseEc2Blob(blob: string): { access: string; secret: string; rest: Record<string, unknown> } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(checkBlob(blob));
  } catch (err) {
    if (err instanceof InvalidInputError) throw err;
    throw new InvalidInputError('blob', 'an `ec2` blob must be a JSON object');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidInputError('blob', 'an `ec2` blob must be a JSON object');
  const { access, secret, ...rest } = parsed as Record<string, unknown>;
  if (typeof access !== 'string' || !ACCESS_ID.test(access)) throw new InvalidInputError('blob.access', 'must be 4 to 128 letters, digits or `._@+=-`');
  if (typeof secret !== 'string' || !SECRET.test(secret)) throw new InvalidInputError('blob.secret', 'must be 8 to 256 printable ASCII characters');
  return { access, secret, rest };
}
