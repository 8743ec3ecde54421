import { Actions, type IamAction } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { LimitExceededError, NotFoundError } from '../errors.js';
import type { Repositories } from '../ports.js';
import type { CallContext } from '../principal.js';
import { requireUser, userResource, type UserRef } from '../users/user-ref.js';
import type { User } from '../users/user.js';
import { parseCertificate } from './certificates.js';
import { parseSshPublicKey } from './ssh-keys.js';
import { CredentialMaterialError, USER_CREDENTIAL_LIMITS, type UserCredential, type UserCredentialKind } from './user-credential.js';

/** AWS CreateServiceSpecificCredential ServiceName: the services that take service-specific credentials */
export const CREDENTIAL_SERVICES: ReadonlySet<string> = new Set(['codecommit.amazonaws.com', 'cassandra.amazonaws.com', 'bedrock.amazonaws.com']);

export interface CredentialWithOwner {
  credential: UserCredential;
  user: User;
}

/** A created or reset service-specific credential, with its password (40 random characters, as a secret key) shown this once. */
export interface IssuedServiceCredential extends CredentialWithOwner {
  password: string;
}

const ACTIONS: Record<UserCredentialKind, { create: IamAction; list: IamAction; update: IamAction; delete: IamAction }> = {
  'ssh-public-key': { create: Actions.uploadSshPublicKey, list: Actions.listSshPublicKeys, update: Actions.updateSshPublicKey, delete: Actions.deleteSshPublicKey },
  'signing-certificate': { create: Actions.uploadSigningCertificate, list: Actions.listSigningCertificates, update: Actions.updateSigningCertificate, delete: Actions.deleteSigningCertificate },
  'service-specific-credential': {
    create: Actions.createServiceSpecificCredential,
    list: Actions.listServiceSpecificCredentials,
    update: Actions.updateServiceSpecificCredential,
    delete: Actions.deleteServiceSpecificCredential,
  },
};

/** AWS id prefixes: SSHPublicKeyId `APKA` + 16, ServiceSpecificCredentialId `ACCA` + 17; CertificateId 24+ characters */
function newId(deps: CoreDeps, kind: UserCredentialKind): string {
  const tail = deps.ids.awsUserId().slice(4);
  if (kind === 'ssh-public-key') return `APKA${tail.slice(0, 16)}`;
  if (kind === 'service-specific-credential') return `ACCA${tail}`;
  return `${tail}${deps.ids.awsUserId().slice(4)}`.slice(0, 32);
}

/**
 * Users' SSH public keys, signing certificates and service-specific credentials (AWS). Material is
 * parsed with node:crypto before anything is stored; the same material twice for one user is refused
 * by the database. Service passwords are sealed at rest and shown only by create and reset.
 */
export class UserCredentialsService {
  constructor(private readonly deps: CoreDeps) {}

  /** @throws access-denied | not-found | invalid-input (material) | already-exists (duplicate) | limit-exceeded */
  uploadSshPublicKey(ctx: CallContext, user: UserRef, body: string): Promise<CredentialWithOwner> {
    return this.create(ctx, user, 'ssh-public-key', () => {
      const parsed = parseSshPublicKey(body);
      return { body: parsed.ssh, fingerprint: parsed.fingerprint };
    });
  }

  /** @throws access-denied | not-found | invalid-input (material) | already-exists (duplicate) | limit-exceeded */
  uploadSigningCertificate(ctx: CallContext, user: UserRef, body: string): Promise<CredentialWithOwner> {
    return this.create(ctx, user, 'signing-certificate', () => {
      const parsed = parseCertificate(body);
      return { body: parsed.pem, fingerprint: parsed.fingerprint };
    });
  }

  /** @throws access-denied | not-found | invalid-input (unsupported-service) | limit-exceeded */
  async createServiceCredential(ctx: CallContext, user: UserRef, serviceName: string): Promise<IssuedServiceCredential> {
    const password = this.deps.ids.secretAccessKey();
    const account = await this.deps.store.accounts.findById(ctx.principal.accountId);
    const created = await this.create(ctx, user, 'service-specific-credential', (owner) => {
      if (!CREDENTIAL_SERVICES.has(serviceName)) throw new CredentialMaterialError('unsupported-service', `service \`${serviceName}\` takes no service-specific credentials`);
      return { body: '', fingerprint: '', serviceName, serviceUserName: `${owner.name}-at-${account?.awsAccountId ?? ''}`, sealedSecret: this.deps.secretBox.seal(password) };
    });
    return { ...created, password };
  }

  /** A user's SSH key. @throws access-denied | not-found */
  get(ctx: CallContext, user: UserRef, kind: UserCredentialKind, id: string): Promise<CredentialWithOwner> {
    const accountId = ctx.principal.accountId;
    const action = kind === 'ssh-public-key' ? Actions.getSshPublicKey : ACTIONS[kind].list;
    return runCommand(this.deps, ctx, action, userResource(accountId, user, this.deps.store), async () => {
      const owner = await requireUser(this.deps.store, accountId, user);
      return { credential: await requireCredential(this.deps.store, owner, kind, id), user: owner };
    });
  }

  /** Oldest first, optionally of one service. @throws access-denied | not-found */
  list(ctx: CallContext, user: UserRef, kind: UserCredentialKind, filter: { serviceName?: string } = {}): Promise<{ user: User; credentials: UserCredential[] }> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, ACTIONS[kind].list, userResource(accountId, user, this.deps.store), async () => {
      const owner = await requireUser(this.deps.store, accountId, user);
      const all = await this.deps.store.userCredentials.listByUser(owner.id, kind);
      return { user: owner, credentials: filter.serviceName === undefined ? all : all.filter((c) => c.serviceName === filter.serviceName) };
    });
  }

  /** Active or Inactive. @throws access-denied | not-found */
  setStatus(ctx: CallContext, user: UserRef, kind: UserCredentialKind, id: string, status: UserCredential['status']): Promise<void> {
    return this.change(ctx, user, kind, id, ACTIONS[kind].update, (c) => ({ ...c, status })).then(() => undefined);
  }

  /** A new password for a service-specific credential, shown this once. @throws access-denied | not-found */
  async resetServiceCredential(ctx: CallContext, user: UserRef, id: string): Promise<IssuedServiceCredential> {
    const password = this.deps.ids.secretAccessKey();
    const changed = await this.change(ctx, user, 'service-specific-credential', id, Actions.resetServiceSpecificCredential, (c) => ({ ...c, sealedSecret: this.deps.secretBox.seal(password) }));
    return { ...changed, password };
  }

  /** @throws access-denied | not-found */
  delete(ctx: CallContext, user: UserRef, kind: UserCredentialKind, id: string): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, ACTIONS[kind].delete, userResource(accountId, user, this.deps.store), () =>
      this.deps.store.transaction(async (tx) => {
        const owner = await requireUser(tx, accountId, user);
        if (!(await tx.userCredentials.delete(owner.id, kind, id))) throw new NotFoundError(kind, id);
      }),
    );
  }

  private create(ctx: CallContext, user: UserRef, kind: UserCredentialKind, material: (owner: User) => Partial<UserCredential>): Promise<CredentialWithOwner> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, ACTIONS[kind].create, userResource(accountId, user, this.deps.store), () =>
      this.deps.store.transaction(async (tx) => {
        const owner = await requireUser(tx, accountId, user);
        const now = this.deps.clock.now();
        const id = newId(this.deps, kind);
        const credential: UserCredential = { id, kind, userId: owner.id, accountId, status: 'Active', body: '', fingerprint: id, serviceName: '', serviceUserName: '', sealedSecret: null, createdAt: now, updatedAt: now, ...material(owner) };
        if (kind === 'service-specific-credential') credential.fingerprint = id;
        const held = await tx.userCredentials.listByUser(owner.id, kind);
        const limit = USER_CREDENTIAL_LIMITS[kind];
        const counted = kind === 'service-specific-credential' ? held.filter((c) => c.serviceName === credential.serviceName) : held;
        if (counted.length >= limit) throw new LimitExceededError(kind, limit, kind === 'service-specific-credential' ? 'user per service' : 'user');
        await tx.userCredentials.create(credential);
        return { credential, user: owner };
      }),
    );
  }

  private change(ctx: CallContext, user: UserRef, kind: UserCredentialKind, id: string, action: IamAction, edit: (c: UserCredential) => UserCredential): Promise<CredentialWithOwner> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, action, userResource(accountId, user, this.deps.store), () =>
      this.deps.store.transaction(async (tx) => {
        const owner = await requireUser(tx, accountId, user);
        const credential = { ...edit(await requireCredential(tx, owner, kind, id)), updatedAt: this.deps.clock.now() };
        await tx.userCredentials.update(credential);
        return { credential, user: owner };
      }),
    );
  }
}

async function requireCredential(repos: Repositories, owner: User, kind: UserCredentialKind, id: string): Promise<UserCredential> {
  const found = await repos.userCredentials.find(owner.id, kind, id);
  if (!found) throw new NotFoundError(kind, id);
  return found;
}
