import { isPlainObject } from '../policies/parse-statement.js';
import type { Role } from './role.js';

/** What a Huawei v3.0 agency's trust says: the trusted account and the validity window (null: FOREVER). */
export interface AgencyTrust {
  accountId: string;
  validFrom: number | null;
  expiresAt: number | null;
}

const ACCOUNT_URN = /^iam::([0-9a-f]{32}|\d+):root$/;

/**
 * The trust policy of an agency in the Huawei v5 syntax (api-iam5 trust policies: `Principal.IAM`,
 * action `sts:agencies:assume`). A limited `duration` becomes a `g:CurrentTime` window, so the trust
 * check itself refuses an expired agency; its start is written too, so the duration reads back.
 */
export function agencyTrust(accountId: string, window: { validFrom: number | null; expiresAt: number | null }): AgencyTrust & { document: string } {
  const statement: Record<string, unknown> = { Effect: 'Allow', Action: ['sts:agencies:assume'], Principal: { IAM: [`iam::${accountId}:root`] } };
  if (window.validFrom !== null && window.expiresAt !== null) {
    statement.Condition = {
      DateGreaterThanEquals: { 'g:CurrentTime': [new Date(window.validFrom).toISOString()] },
      DateLessThan: { 'g:CurrentTime': [new Date(window.expiresAt).toISOString()] },
    };
  }
  return { accountId, ...window, document: JSON.stringify({ Version: '5.0', Statement: [statement] }) };
}

/**
 * The account an agency trusts, read back from its trust policy: the first account (or principal of an
 * account) an Allow statement names, whichever dialect wrote it; null when there is none.
 */
export function readAgencyTrust(role: Role): AgencyTrust | null {
  let raw: unknown;
  try {
    raw = JSON.parse(role.trustPolicy);
  } catch {
    return null;
  }
  if (!isPlainObject(raw)) return null;
  const statements = Array.isArray(raw.Statement) ? raw.Statement : [raw.Statement];
  for (const statement of statements) {
    if (!isPlainObject(statement) || statement.Effect !== 'Allow' || !isPlainObject(statement.Principal)) continue;
    for (const value of Object.values(statement.Principal)) {
      for (const written of typeof value === 'string' ? [value] : Array.isArray(value) ? value : []) {
        const account = typeof written === 'string' ? accountOf(written) : null;
        if (account !== null) return { accountId: account, ...windowOf(statement.Condition) };
      }
    }
  }
  return null;
}

/** `iam::D:root`, `arn:aws:iam::N:root`, a bare 12-digit account, or the account of a user or role principal. */
function accountOf(written: string): string | null {
  const urn = ACCOUNT_URN.exec(written);
  if (urn) return urn[1]!;
  if (/^\d{12}$/.test(written)) return written;
  const arn = /^(?:arn:aws:iam|krn:ksc:iam|trn:iam)::(\d+):/.exec(written) ?? /^iam::([0-9a-f]{32}):/.exec(written);
  return arn ? arn[1]! : null;
}

function windowOf(condition: unknown): { validFrom: number | null; expiresAt: number | null } {
  const first = (operator: string): number | null => {
    if (!isPlainObject(condition) || !isPlainObject(condition[operator])) return null;
    const values = (condition[operator] as Record<string, unknown>)['g:CurrentTime'];
    const value = Array.isArray(values) ? values[0] : values;
    const time = typeof value === 'string' ? Date.parse(value) : NaN;
    return Number.isNaN(time) ? null : time;
  };
  const validFrom = first('DateGreaterThanEquals');
  const expiresAt = first('DateLessThan');
  return validFrom !== null && expiresAt !== null ? { validFrom, expiresAt } : { validFrom: null, expiresAt: null };
}
