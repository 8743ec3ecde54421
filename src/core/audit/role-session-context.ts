import type { RoleSession } from '../principal.js';

/**
 * What an audit event of a call made with temporary credentials records about the session (issue #13,
 * CloudTrail `userIdentity.type` AssumedRole with `sessionContext.sessionIssuer`): the role, the session
 * name, when it was issued, whether MFA was proved, and who assumed it. Names and ids only, never the
 * token. Kept as JSON in the event's `sessionId` (the session the call was made with), so the audit table
 * needs no new column.
 */
export interface RoleSessionContext {
  kind: 'role-session';
  role: { id: string; awsId: string; name: string; path: string };
  sessionName: string;
  issuedAt: number;
  mfa: boolean;
  sourceIdentity: string | null;
  assumedBy: { accountId: string; userId: string; userName: string; sessionName?: string };
}

/** one text per session principal (the authenticator hands out the same principal for every call of a session) */
const written = new WeakMap<RoleSession, string>();

export function roleSessionContext(session: RoleSession, mfa: boolean): string {
  const known = written.get(session);
  if (known !== undefined) return known;
  const context: RoleSessionContext = {
    kind: 'role-session',
    role: { id: session.roleId, awsId: session.roleAwsId, name: session.roleName, path: session.rolePath },
    sessionName: session.sessionName,
    issuedAt: session.issuedAt,
    mfa,
    sourceIdentity: session.sourceIdentity,
    assumedBy: { ...session.assumedBy },
  };
  const text = JSON.stringify(context);
  written.set(session, text);
  return text;
}

/** The context of an event's `sessionId`, or undefined when it holds something else (a Keystone token id). */
export function readRoleSessionContext(sessionId: string | null): RoleSessionContext | undefined {
  if (sessionId === null || !sessionId.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(sessionId) as Partial<RoleSessionContext>;
    return parsed.kind === 'role-session' && parsed.role !== undefined && parsed.assumedBy !== undefined ? (parsed as RoleSessionContext) : undefined;
  } catch {
    return undefined;
  }
}
