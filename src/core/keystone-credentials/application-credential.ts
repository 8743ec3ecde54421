/**
 * Keystone application credentials (issue #16): a secret of a user's own, bound to one project and a
 * subset of the user's roles there, that issues project-scoped tokens (`application_credential` auth
 * method) until it is deleted or expires, or its user is disabled.
 */

/** Keystone access rule (application_credential/schema.py): enforced by the services behind a token, kept here */
export interface AccessRule {
  id: string;
  path: string;
  method: string;
  service: string;
}

export interface CredentialRole {
  id: string;
  name: string;
  domainId: string | null;
}

export interface ApplicationCredential {
  /** 32 lowercase hex */
  id: string;
  accountId: string;
  userId: string;
  /** unique per user */
  name: string;
  description: string | null;
  /** SECURITY: argon2id of the secret, which is shown once */
  secretHash: string;
  projectId: string;
  /** the roles given at creation, with what Keystone shows of them (`domain_id` of a domain-specific role) */
  roles: CredentialRole[];
  /** Keystone `unrestricted`: may make or delete application credentials (and trusts) with its tokens */
  unrestricted: boolean;
  /** epoch microseconds (Keystone keeps microseconds and returns them as given); null never expires */
  expiresAtMicros: number | null;
  accessRules: AccessRule[];
  createdAt: number;
}

export type ApplicationCredentialView = Omit<ApplicationCredential, 'secretHash'>;

export interface ApplicationCredentialRepository {
  /** @throws already-exists (the user has one of that name) */
  create(credential: ApplicationCredential): Promise<void>;
  /** by id alone: the `application_credential` auth method names no domain */
  findById(id: string): Promise<ApplicationCredential | undefined>;
  findByName(accountId: string, userId: string, name: string): Promise<ApplicationCredential | undefined>;
  list(accountId: string, userId: string): Promise<ApplicationCredential[]>;
  delete(accountId: string, id: string): Promise<boolean>;
}

/** whether the credential may still issue or carry tokens at `nowMs` */
export const isExpired = (credential: Pick<ApplicationCredential, 'expiresAtMicros'>, nowMs: number) => credential.expiresAtMicros !== null && credential.expiresAtMicros <= nowMs * 1000;
