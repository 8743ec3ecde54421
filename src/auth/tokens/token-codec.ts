/**
 * The token format: claims packed into 65 bytes and sealed with AES-256-GCM, like Keystone's Fernet
 * tokens (authenticated encryption, nothing stored per token, keys rotated by id).
 *
 *   byte 0       format version (1)
 *   bytes 1-4    key id (the 8 hex characters of TokenKey.id)
 *   bytes 5-16   IV
 *   bytes 17-81  ciphertext of: flags(1) tokenId(16) accountId(16) userId(16) issuedAt(u64) expiresAt(u64)
 *   bytes 82-97  GCM tag
 *
 * Version 2 adds a project id (a project-scoped token), version 3 a domain id (an operator's token on
 * another domain, issue #16): 16 bytes after the body either way. Version 4 (a token of an application
 * credential, issue #16) adds the project id and then the credential's id.
 *
 * Bytes 0-4 are the additional authenticated data, so the version and key id cannot be swapped either.
 * The wire form is base64url (131 characters): opaque to Keystone clients, which only echo it.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { TokenClaims, TokenMethod } from '../../core/tokens/token.js';

export interface TokenKey {
  /** 8 lowercase hex */
  id: string;
  /** 32 bytes */
  key: Buffer;
}

const VERSION = 1;
/** a project-scoped token: the version-1 body followed by the project id (issue #16) */
const VERSION_PROJECT = 2;
/** an operator's token scoped to a domain not its own (issue #16): the version-1 body followed by the domain id */
const VERSION_DOMAIN = 3;
const HEADER = 5;
const IV = 12;
const BODY = 1 + 16 * 3 + 8 * 2;
const TAG = 16;
export const TOKEN_BYTES = HEADER + IV + BODY + TAG;
const PROJECT_ID = 16;
const PROJECT_TOKEN_BYTES = TOKEN_BYTES + PROJECT_ID;
/** a token of an application credential (issue #16): the project-scoped body followed by the credential's id */
const VERSION_APP_CREDENTIAL = 4;
const APP_CREDENTIAL_ID = 16;
const APP_CREDENTIAL_TOKEN_BYTES = PROJECT_TOKEN_BYTES + APP_CREDENTIAL_ID;
/** the token's length in bytes, by format version */
const BYTES_OF: Record<number, number> = { [VERSION]: TOKEN_BYTES, [VERSION_PROJECT]: PROJECT_TOKEN_BYTES, [VERSION_DOMAIN]: PROJECT_TOKEN_BYTES, [VERSION_APP_CREDENTIAL]: APP_CREDENTIAL_TOKEN_BYTES };
/** the lengths a token's text may have */
const TEXT_LENGTHS = new Set(Object.values(BYTES_OF).map((bytes) => Math.ceil((bytes * 4) / 3)));

const FLAG_DOMAIN_SCOPE = 1;
const FLAG_CHANGE_ONLY = 2;
const FLAG_PASSWORD = 4;
const FLAG_TOKEN = 8;
/** the holder proved a virtual MFA code when the first token of the chain was issued */
const FLAG_TOTP = 16;
/** Keystone `system: {all: true}` scope, cloud operators only (issue #16) */
const FLAG_SYSTEM = 32;

const HEX_ID = /^[0-9a-f]{32}$/;
const KEY_ID = /^[0-9a-f]{8}$/;

/** @throws Error when an id is not 32 lowercase hex (every polyiam id is) */
export function encodeToken(claims: TokenClaims, key: TokenKey): string {
  for (const id of [claims.tokenId, claims.accountId, claims.userId]) {
    if (!HEX_ID.test(id)) throw new Error('token claims need 32-hex ids');
  }
  if (!KEY_ID.test(key.id)) throw new Error('token key ids are 8 hex characters');
  const projectId = claims.scope === 'project' ? claims.projectId : undefined;
  if (claims.scope === 'project' && (projectId === undefined || !HEX_ID.test(projectId))) throw new Error('a project-scoped token needs a 32-hex project id');
  const domainId = claims.scope === 'domain' ? claims.domainId : undefined;
  if (domainId !== undefined && !HEX_ID.test(domainId)) throw new Error('a domain id needs 32 hex');
  const appCredentialId = claims.applicationCredentialId;
  if (appCredentialId !== undefined && (projectId === undefined || !HEX_ID.test(appCredentialId))) throw new Error('an application credential token is project-scoped, with a 32-hex credential id');
  const extra = projectId ?? domainId;
  const body = Buffer.alloc(extra === undefined ? BODY : appCredentialId === undefined ? BODY + PROJECT_ID : BODY + PROJECT_ID + APP_CREDENTIAL_ID);
  if (extra !== undefined) body.write(extra, BODY, 'hex');
  if (appCredentialId !== undefined) body.write(appCredentialId, BODY + PROJECT_ID, 'hex');
  let flags = 0;
  if (claims.scope === 'domain') flags |= FLAG_DOMAIN_SCOPE;
  if (claims.scope === 'system') flags |= FLAG_SYSTEM;
  if (claims.passwordChangeOnly) flags |= FLAG_CHANGE_ONLY;
  if (claims.methods.includes('password')) flags |= FLAG_PASSWORD;
  if (claims.methods.includes('token')) flags |= FLAG_TOKEN;
  if (claims.methods.includes('totp')) flags |= FLAG_TOTP;
  body.writeUInt8(flags, 0);
  body.write(claims.tokenId, 1, 'hex');
  body.write(claims.accountId, 17, 'hex');
  body.write(claims.userId, 33, 'hex');
  body.writeBigUInt64BE(BigInt(claims.issuedAt), 49);
  body.writeBigUInt64BE(BigInt(claims.expiresAt), 57);

  const header = Buffer.alloc(HEADER);
  header.writeUInt8(appCredentialId !== undefined ? VERSION_APP_CREDENTIAL : projectId !== undefined ? VERSION_PROJECT : domainId !== undefined ? VERSION_DOMAIN : VERSION, 0);
  header.write(key.id, 1, 'hex');
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(header);
  const sealed = Buffer.concat([cipher.update(body), cipher.final()]);
  return Buffer.concat([header, iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** The key id a token names, or null when the text cannot be a token of this format. */
export function tokenKeyId(token: string): string | null {
  const raw = decodeRaw(token);
  return raw === null ? null : raw.subarray(1, HEADER).toString('hex');
}

/**
 * Opens a token with its key. Null for anything that is not an authentic token: wrong length or
 * version, another key, a flipped bit anywhere (GCM), or impossible contents.
 */
export function decodeToken(token: string, key: TokenKey): TokenClaims | null {
  const raw = decodeRaw(token);
  if (raw === null || raw.subarray(1, HEADER).toString('hex') !== key.id) return null;
  let body: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, raw.subarray(HEADER, HEADER + IV));
    decipher.setAAD(raw.subarray(0, HEADER));
    decipher.setAuthTag(raw.subarray(raw.length - TAG));
    body = Buffer.concat([decipher.update(raw.subarray(HEADER + IV, raw.length - TAG)), decipher.final()]);
  } catch {
    return null;
  }
  const flags = body.readUInt8(0);
  const methods: TokenMethod[] = [];
  if (flags & FLAG_TOKEN) methods.push('token');
  if (flags & FLAG_PASSWORD) methods.push('password');
  if (flags & FLAG_TOTP) methods.push('totp');
  const version = raw.readUInt8(0);
  const byAppCredential = version === VERSION_APP_CREDENTIAL;
  // Keystone `methods` of a token issued by an application credential
  if (byAppCredential) methods.push('application_credential');
  const projectScoped = version === VERSION_PROJECT || byAppCredential;
  const otherDomain = version === VERSION_DOMAIN;
  if (otherDomain && !(flags & FLAG_DOMAIN_SCOPE)) return null;
  return {
    ...(projectScoped ? { projectId: body.toString('hex', BODY, BODY + PROJECT_ID) } : {}),
    ...(otherDomain ? { domainId: body.toString('hex', BODY, BODY + PROJECT_ID) } : {}),
    ...(byAppCredential ? { applicationCredentialId: body.toString('hex', BODY + PROJECT_ID, BODY + PROJECT_ID + APP_CREDENTIAL_ID) } : {}),
    tokenId: body.toString('hex', 1, 17),
    accountId: body.toString('hex', 17, 33),
    userId: body.toString('hex', 33, 49),
    methods,
    scope: projectScoped ? 'project' : flags & FLAG_DOMAIN_SCOPE ? 'domain' : flags & FLAG_SYSTEM ? 'system' : 'unscoped',
    passwordChangeOnly: (flags & FLAG_CHANGE_ONLY) !== 0,
    issuedAt: Number(body.readBigUInt64BE(49)),
    expiresAt: Number(body.readBigUInt64BE(57)),
  };
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function decodeRaw(token: string): Buffer | null {
  // SECURITY: refuse before allocating for anything that is not exactly one token's worth of base64url
  if (typeof token !== 'string') return null;
  if (!TEXT_LENGTHS.has(token.length) || !BASE64URL.test(token)) return null;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length === 0 || raw.length !== BYTES_OF[raw.readUInt8(0)]) return null;
  // base64url has spare bits in its last character: only the canonical spelling of these bytes counts
  if (raw.toString('base64url') !== token) return null;
  return raw;
}
