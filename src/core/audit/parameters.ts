/**
 * What of a request's parameters an audit event keeps. CloudTrail records `requestParameters` but
 * leaves out secrets (passwords, keys); here nothing is kept unless its name is on an allow-list: the
 * names every action may keep (`COMMON`) plus the few each action adds (`BY_ACTION`). Names are matched
 * by their last segment, lowercased, without `_` and `-`, so `UserName`, `user_name` and Keystone's
 * `user.name` meet one list.
 */
import { Actions } from '../authorization/actions.js';

/** A request's parameters as (wire name, value) pairs; dialects hand over their parsed input lazily. */
export type AuditParameterSource = Iterable<readonly [string, unknown]>;

/** Identifiers and paging: never secret, whatever the action. */
const COMMON = [
  'username', 'userid', 'newusername', 'name', 'path', 'newpath', 'pathprefix', 'groupname', 'groupid', 'newgroupname',
  'policyname', 'policyarn', 'policyid', 'versionid', 'rolename', 'roleid', 'rolearn', 'rolesessionname', 'accesskeyid',
  'serialnumber', 'status', 'marker', 'maxitems', 'limit', 'offset', 'scope', 'onlyattached', 'policyusagefilter',
  'entityfilter', 'durationseconds', 'domainid', 'projectid', 'accesskey', 'tagkeys', 'key', 'query', 'displayname',
];

const BY_ACTION: Partial<Record<string, readonly string[]>> = {
  [Actions.createUser]: ['description', 'enabled'],
  [Actions.updateUser]: ['description', 'enabled'],
  [Actions.createLoginProfile]: ['passwordresetrequired', 'passwordreset', 'loginallowed'],
  [Actions.updateLoginProfile]: ['passwordresetrequired', 'passwordreset', 'loginallowed'],
  [Actions.updatePasswordPolicy]: [
    'minimumpasswordlength', 'requiresymbols', 'requirenumbers', 'requireuppercasecharacters', 'requirelowercasecharacters',
    'allowuserstochangepassword', 'maxpasswordage', 'passwordreuseprevention', 'hardexpiry', 'passwordcharcombination',
    'passwordvalidityperiod', 'passwordnotusernameorinvert', 'numberofrecentpasswordsdisallowed', 'minimumpasswordage',
  ],
  [Actions.createGroup]: ['description'],
  [Actions.updateGroup]: ['description'],
  [Actions.createPolicy]: ['description'],
  [Actions.createPolicyVersion]: ['setasdefault'],
};

// SECURITY: a second line behind the allow-list: a name that looks like a secret is dropped even if a
// list above (or a later edit of one) names it.
const SECRET_NAME = /secret|token|seed|signature|privatekey|(password|passwd|pwd|code\d*|otp)$|^sk$/;

const MAX_VALUE_LENGTH = 256;

/** SECURITY: `action` is the client's word (`Action=toString`): only the table's own entries count. */
function extraNamesOf(action: string): readonly string[] | undefined {
  return Object.hasOwn(BY_ACTION, action) ? BY_ACTION[action] : undefined;
}

const allowed = new Map<string, ReadonlySet<string>>();
const common = new Set(COMMON);

function allowListOf(action: string): ReadonlySet<string> {
  let set = allowed.get(action);
  if (set === undefined) {
    set = new Set([...COMMON, ...(extraNamesOf(action) ?? [])]);
    allowed.set(action, set);
  }
  return set;
}

/** `Tags.member.1.Key` -> `key`, `user_name` -> `username` */
export function normalizedName(wireName: string): string {
  const dot = wireName.lastIndexOf('.');
  return (dot === -1 ? wireName : wireName.slice(dot + 1)).toLowerCase().replace(/[_-]/g, '');
}

/** The allow-listed parameters of a call, as a JSON object text; null when none is kept. */
export function auditParameters(action: string, source: AuditParameterSource | undefined): string | null {
  if (source === undefined) return null;
  const names = extraNamesOf(action) === undefined ? common : allowListOf(action);
  let kept: Record<string, string> | undefined;
  for (const [wireName, value] of source) {
    const name = normalizedName(wireName);
    if (!names.has(name) || SECRET_NAME.test(name)) continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    const text = String(value);
    (kept ??= {})[wireName] = text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text;
  }
  return kept === undefined ? null : JSON.stringify(kept);
}

/** A JSON body's leaves as (dotted path, value) pairs: `{"user":{"name":"a"}}` -> `user.name`. */
export function* jsonLeaves(value: unknown, prefix = ''): Generator<readonly [string, unknown]> {
  if (value === null || typeof value !== 'object') {
    if (prefix !== '') yield [prefix, value];
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* jsonLeaves(value[i], `${prefix}.${i + 1}`);
    return;
  }
  for (const key of Object.keys(value)) yield* jsonLeaves((value as Record<string, unknown>)[key], prefix === '' ? key : `${prefix}.${key}`);
}

/**
 * CloudTrail readOnly, from the core action's verb: reads are get, list, show, simulate, decode and
 * lookup actions. Actions other branches add are classified the same way with no list to edit.
 */
export function isReadOnlyAction(action: string): boolean {
  const verb = action.slice(action.lastIndexOf(':') + 1);
  return /^(get|list|show|simulate|decode|lookup|check|describe)/i.test(verb);
}
