import { randomBytes } from 'node:crypto';
import { Actions, type IamAction } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { AccessDeniedError, AuthenticationError, InvalidInputError, NotFoundError } from '../errors.js';
import type { Role } from '../keystone-roles/role.js';
import type { CallContext } from '../principal.js';
import type { ProjectRepository } from '../projects/ports.js';
import { PlainPassword } from '../secrets.js';
import type { UserAccountLookup } from '../tokens/ports.js';
import { requireUser, userResource } from '../users/user-ref.js';
import { isExpired, type AccessRule, type ApplicationCredential, type ApplicationCredentialRepository, type ApplicationCredentialView } from './application-credential.js';

export interface ApplicationCredentialInput {
  name: string;
  description?: string | null;
  /** the caller's own secret (Keystone allows one); generated otherwise */
  secret?: string;
  /** a subset of the creator's roles on the project; all of them when absent */
  roles?: Array<{ id: string } | { name: string }>;
  expiresAtMicros?: number | null;
  unrestricted?: boolean;
  accessRules?: Array<Omit<AccessRule, 'id'>>;
}

/**
 * The caller making a credential, as its project-scoped token shows it: the project, the roles the
 * token carries there (GrantsService.tokenRoles), and the credential that token came from, if any.
 */
export interface Creator {
  projectId: string;
  heldRoles: Role[];
  applicationCredentialId?: string;
}

/** Keystone `application_credential` method: by id, or by name with its user (by id, or by name in a domain) */
export type ApplicationCredentialRef = { id: string } | { name: string; user: { id: string } | { name: string; domain: { id: string } | { name: string } } };

/** Keystone generates 64 random bytes, urlsafe base64 without padding (86 characters) */
const generateSecret = () => randomBytes(64).toString('base64url');

/**
 * Keystone application credentials (issue #16). Keystone's policy lets only the user manage its own
 * (`user_id:%(user_id)s`): a user needs no permission for its own, anyone else needs the
 * `iam:applicationCredentials:*` action, and nobody makes one for another user (its roles are the
 * maker's). A token issued by a restricted credential may not make or delete credentials (Keystone).
 */
export class ApplicationCredentialsService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly credentials: ApplicationCredentialRepository,
    private readonly projects: ProjectRepository,
    private readonly userAccounts: UserAccountLookup,
  ) {}

  /** @throws access-denied | invalid-input | already-exists | not-found (project) */
  create(ctx: CallContext, userId: string, creator: Creator | undefined, input: ApplicationCredentialInput): Promise<{ credential: ApplicationCredentialView; secret: string }> {
    const { deps } = this;
    const accountId = ctx.principal.accountId;
    return this.onUser(ctx, Actions.createApplicationCredential, userId, async () => {
      if (ctx.principal.userId !== userId) throw new AccessDeniedError(Actions.createApplicationCredential, `user/${userId}`, 'not-allowed');
      if (!creator) throw new InvalidInputError('X-Auth-Token', 'an application credential is made with a project-scoped token');
      await this.refuseRestricted(ctx, creator.applicationCredentialId, Actions.createApplicationCredential);
      const project = await this.projects.findById(accountId, creator.projectId);
      if (!project) throw new NotFoundError('project', creator.projectId);
      const held = creator.heldRoles;
      const roles = input.roles === undefined ? held : input.roles.map((ref) => pickRole(held, ref));
      if (roles.length === 0) throw new InvalidInputError('roles', 'the user has no role on the project to give the credential');
      if (input.expiresAtMicros != null && isExpired({ expiresAtMicros: input.expiresAtMicros }, deps.clock.now())) throw new InvalidInputError('expires_at', 'must be in the future');
      const secret = input.secret ?? generateSecret();
      const credential: ApplicationCredential = {
        id: deps.ids.hexId(),
        accountId,
        userId,
        name: input.name,
        description: input.description ?? null,
        secretHash: await deps.hasher.hash(new PlainPassword(secret)),
        projectId: project.id,
        roles: dedupe(roles).map((r) => ({ id: r.id, name: r.name, domainId: r.isDomainRole ? r.accountId : null })),
        unrestricted: input.unrestricted ?? false,
        expiresAtMicros: input.expiresAtMicros ?? null,
        accessRules: (input.accessRules ?? []).map((rule) => ({ id: deps.ids.hexId(), ...rule })),
        createdAt: deps.clock.now(),
      };
      await this.credentials.create(credential);
      return { credential: viewOf(credential), secret };
    });
  }

  /** @throws access-denied */
  list(ctx: CallContext, userId: string, name?: string): Promise<ApplicationCredentialView[]> {
    return this.onUser(ctx, Actions.listApplicationCredentials, userId, async () => {
      await requireUser(this.deps.store, ctx.principal.accountId, { id: userId });
      const all = await this.credentials.list(ctx.principal.accountId, userId);
      return all.filter((c) => name === undefined || c.name === name).map(viewOf);
    });
  }

  /** @throws access-denied | not-found */
  get(ctx: CallContext, userId: string, id: string): Promise<ApplicationCredentialView> {
    return this.onUser(ctx, Actions.getApplicationCredential, userId, async () => viewOf(await this.require(ctx.principal.accountId, userId, id)));
  }

  /** @throws access-denied | not-found */
  delete(ctx: CallContext, userId: string, id: string, viaApplicationCredentialId?: string): Promise<void> {
    return this.onUser(ctx, Actions.deleteApplicationCredential, userId, async () => {
      await this.refuseRestricted(ctx, viaApplicationCredentialId, Actions.deleteApplicationCredential);
      await this.require(ctx.principal.accountId, userId, id);
      if (!(await this.credentials.delete(ctx.principal.accountId, id))) throw new NotFoundError('application-credential', id);
    });
  }

  /**
   * The roles a token of the credential carries: those of the credential the user still holds on the
   * project (`held`, GrantsService.tokenRoles). Not a command: token rendering.
   */
  async tokenRoles(id: string, held: Role[]): Promise<Role[]> {
    const found = await this.credentials.findById(id);
    const ids = new Set((found?.roles ?? []).map((r) => r.id));
    return held.filter((r) => ids.has(r.id));
  }

  /** The credential behind a token, when it may still be used; not a command (token checks at each use). */
  async usable(id: string): Promise<ApplicationCredential | undefined> {
    const found = await this.credentials.findById(id);
    return found && !isExpired(found, this.deps.clock.now()) ? found : undefined;
  }

  /**
   * Keystone `application_credential` auth method: the credential for its secret. Every failure is the
   * same authentication error; an unknown credential still burns one argon2id verification.
   * @throws authentication-failed
   */
  async authenticate(ref: ApplicationCredentialRef, secret: string): Promise<ApplicationCredential> {
    const { hasher, clock } = this.deps;
    const found = await this.find(ref);
    const plain = new PlainPassword(secret);
    if (!found) {
      await hasher.verifyDummy(plain);
      throw new AuthenticationError('bad-credentials');
    }
    if (!(await hasher.verify(found.secretHash, plain))) throw new AuthenticationError('bad-credentials');
    if (isExpired(found, clock.now())) throw new AuthenticationError('token-expired');
    return found;
  }

  private async find(ref: ApplicationCredentialRef): Promise<ApplicationCredential | undefined> {
    if ('id' in ref) return this.credentials.findById(ref.id);
    const { store } = this.deps;
    const user = ref.user;
    if ('id' in user) {
      const accountId = await this.userAccounts.accountIdOfUser(user.id);
      return accountId === undefined ? undefined : this.credentials.findByName(accountId, user.id, ref.name);
    }
    const account = 'id' in user.domain ? await store.accounts.findById(user.domain.id) : await store.accounts.findByName(user.domain.name);
    const found = account && (await store.users.findByName(account.id, user.name));
    return found ? this.credentials.findByName(account.id, found.id, ref.name) : undefined;
  }

  private async require(accountId: string, userId: string, id: string): Promise<ApplicationCredential> {
    const found = await this.credentials.findById(id);
    if (!found || found.accountId !== accountId || found.userId !== userId) throw new NotFoundError('application-credential', id);
    return found;
  }

  /** Keystone: a token of a restricted application credential cannot make or delete application credentials */
  private async refuseRestricted(ctx: CallContext, viaId: string | undefined, action: IamAction): Promise<void> {
    if (viaId === undefined) return;
    const via = await this.credentials.findById(viaId);
    if (!via?.unrestricted) throw new AccessDeniedError(action, `user/${ctx.principal.userId}`, 'not-allowed');
  }

  /** the user's own credentials need no permission; anyone else's are authorized */
  private onUser<T>(ctx: CallContext, action: IamAction, userId: string, work: () => Promise<T>): Promise<T> {
    const own = ctx.principal.userId === userId;
    return runCommand(this.deps, ctx, action, userResource(ctx.principal.accountId, { id: userId }, this.deps.store), work, undefined, own ? { grantedBy: 'caller-itself' } : {});
  }
}

function pickRole(held: Role[], ref: { id: string } | { name: string }): Role {
  const role = 'id' in ref ? held.find((r) => r.id === ref.id) : held.find((r) => r.name === ref.name);
  if (!role) throw new InvalidInputError('roles', `the user holds no role \`${'id' in ref ? ref.id : ref.name}\` on the project`);
  return role;
}

function dedupe(roles: Role[]): Role[] {
  return [...new Map(roles.map((r) => [r.id, r])).values()];
}

function viewOf({ secretHash: _hash, ...view }: ApplicationCredential): ApplicationCredentialView {
  return view;
}
