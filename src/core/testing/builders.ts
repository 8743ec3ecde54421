/**
 * Builders for unit and store tests: valid entities with sensible defaults, overridden field by field.
 * Ids are random rather than counted, so rows built by two runs never collide in a database that
 * outlives one run (a reopened SQLite file, a shared PostgreSQL).
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { AccessKey } from '../access-keys/access-key.js';
import type { Account } from '../accounts/account.js';
import type { AuditEvent } from '../audit/audit-event.js';
import { DEFAULT_PROTECTION, type LoginProfile } from '../login-profiles/login-profile.js';
import type { InlinePolicy, ManagedPolicy, PolicyVersion } from '../policies/policy.js';
import type { Group } from '../users/group.js';
import type { User } from '../users/user.js';

/** 2024-01-01T00:00:00Z: a fixed creation time keeps builder output deterministic apart from ids */
export const BUILDER_EPOCH = Date.UTC(2024, 0, 1);

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function hexId(): string {
  return randomBytes(16).toString('hex');
}

function upperAlnum(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[randomInt(ALNUM.length)];
  return out;
}

/** below 2^48: unique enough for tests and exact in a double and a BIGINT */
function numericId(): number {
  return randomInt(1, 2 ** 48 - 1);
}

function shortSuffix(): string {
  return randomBytes(4).toString('hex');
}

export function buildAccount(overrides: Partial<Account> = {}): Account {
  return {
    id: hexId(),
    name: `acct-${shortSuffix()}`,
    awsAccountId: String(randomInt(10 ** 11, 10 ** 12 - 1)),
    numericId: numericId(),
    createdAt: BUILDER_EPOCH,
    enabled: true,
    description: '',
    ...overrides,
  };
}

export function buildUser(accountId: string, overrides: Partial<User> = {}): User {
  return {
    id: hexId(),
    accountId,
    name: `user-${shortSuffix()}`,
    path: '/',
    description: '',
    displayName: '',
    email: '',
    phone: '',
    enabled: true,
    isRoot: false,
    awsId: `AIDA${upperAlnum(17)}`,
    numericId: numericId(),
    createdAt: BUILDER_EPOCH,
    updatedAt: BUILDER_EPOCH,
    passwordLastUsedAt: null,
    permissionsBoundaryId: null,
    ...overrides,
  };
}

export function buildLoginProfile(user: Pick<User, 'id' | 'accountId'>, overrides: Partial<LoginProfile> = {}): LoginProfile {
  return {
    userId: user.id,
    accountId: user.accountId,
    // a PHC-shaped placeholder: builders never hash, and no test should verify against it
    passwordHash: `$argon2id$v=19$m=1024,t=1,p=1$${shortSuffix()}$fake`,
    passwordResetRequired: false,
    loginAllowed: true,
    passwordChangedAt: BUILDER_EPOCH,
    createdAt: BUILDER_EPOCH,
    updatedAt: BUILDER_EPOCH,
    lastLoginAt: null,
    lastLoginIp: null,
    failedAttempts: 0,
    lockedUntil: null,
    protection: { ...DEFAULT_PROTECTION, methods: [...DEFAULT_PROTECTION.methods] },
    ...overrides,
  };
}

export function buildAccessKey(user: Pick<User, 'id' | 'accountId'>, overrides: Partial<AccessKey> = {}): AccessKey {
  return {
    id: `AKIA${upperAlnum(16)}`,
    userId: user.id,
    accountId: user.accountId,
    // SECURITY: an obviously fake sealed value; builders never hold a real secret
    sealedSecret: `v1:fake-sealed-${shortSuffix()}`,
    status: 'active',
    createdAt: BUILDER_EPOCH,
    updatedAt: BUILDER_EPOCH,
    lastUsedAt: null,
    lastUsedService: null,
    lastUsedRegion: null,
    ...overrides,
  };
}

export function buildGroup(accountId: string, overrides: Partial<Group> = {}): Group {
  return {
    id: hexId(),
    accountId,
    name: `group-${shortSuffix()}`,
    path: '/',
    description: '',
    awsId: `AGPA${upperAlnum(17)}`,
    numericId: numericId(),
    createdAt: BUILDER_EPOCH,
    updatedAt: BUILDER_EPOCH,
    ...overrides,
  };
}

export function buildAuditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: hexId(),
    at: BUILDER_EPOCH,
    accountId: hexId(),
    requestId: `req-${shortSuffix()}`,
    dialect: 'aws',
    action: 'iam:users:create',
    resource: 'user/alice',
    outcome: 'success',
    errorKind: null,
    reason: null,
    principalUserId: hexId(),
    accessKeyId: null,
    sourceIp: '192.0.2.10',
    userName: 'alice',
    callerType: 'user',
    authMethod: 'access-key',
    sessionId: null,
    userAgent: 'aws-cli/2.9.19',
    operation: 'CreateUser',
    readOnly: false,
    parameters: '{"UserName":"alice"}',
    ...overrides,
  };
}

/** A policy document every syntax-aware caller accepts as AWS syntax. */
export const ALLOW_ALL_AWS = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

export function buildPolicy(accountId: string, overrides: Partial<ManagedPolicy> = {}): ManagedPolicy {
  return {
    id: hexId(),
    accountId,
    name: `policy-${shortSuffix()}`,
    path: '/',
    description: '',
    syntax: 'aws',
    defaultVersionId: 'v1',
    latestVersion: 1,
    awsId: `ANPA${upperAlnum(17)}`,
    createdAt: BUILDER_EPOCH,
    updatedAt: BUILDER_EPOCH,
    ...overrides,
  };
}

export function buildPolicyVersion(policy: Pick<ManagedPolicy, 'id'>, overrides: Partial<PolicyVersion> = {}): PolicyVersion {
  return { policyId: policy.id, versionId: 'v1', document: ALLOW_ALL_AWS, createdAt: BUILDER_EPOCH, ...overrides };
}

export function buildInlinePolicy(user: Pick<User, 'id' | 'accountId'>, overrides: Partial<InlinePolicy> = {}): InlinePolicy {
  return {
    userId: user.id,
    accountId: user.accountId,
    name: `inline-${shortSuffix()}`,
    syntax: 'aws',
    document: ALLOW_ALL_AWS,
    createdAt: BUILDER_EPOCH,
    updatedAt: BUILDER_EPOCH,
    ...overrides,
  };
}
