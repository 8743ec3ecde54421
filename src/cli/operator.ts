import type { Polyiam } from '../app/polyiam.js';
import { UsageError, type ParsedArgs } from './args.js';

/** `--user U` or `--role R`, exactly one: whom an operator grant names in the account. */
function subjectOf(args: ParsedArgs): { user: string } | { role: string } {
  const user = args.flags.get('user');
  const role = args.flags.get('role');
  if ((user === undefined) === (role === undefined)) throw new UsageError('give exactly one of `--user NAME` and `--role NAME`');
  return user !== undefined ? { user } : { role: role! };
}

function accountOf(args: ParsedArgs): string {
  const account = args.flags.get('account');
  if (account === undefined || args.positionals.length > 0) throw new UsageError('expected `--account NAME`');
  return account;
}

/**
 * `polyiam operator grant|revoke|list` (issue #16): cloud operators, who may get Keystone
 * system-scoped tokens and tokens on any domain, and so create, disable and delete domains (accounts).
 * Only whoever runs the server makes these grants: no API does (an operator may make another one with a
 * Keystone system assignment of `admin`, core/keystone-roles/system-grants-service.ts). Prints one JSON line.
 */
export async function operatorCommand(polyiam: Polyiam, verb: string | undefined, args: ParsedArgs): Promise<string> {
  const operators = polyiam.services.operators;
  switch (verb) {
    case 'grant': {
      const { grant, added } = await operators.grant(accountOf(args), subjectOf(args));
      return JSON.stringify({ account_id: grant.accountId, kind: grant.kind, subject_id: grant.subjectId, added });
    }
    case 'revoke': {
      const removed = await operators.revoke(accountOf(args), subjectOf(args));
      return JSON.stringify({ removed });
    }
    case 'list': {
      if (args.positionals.length > 0) throw new UsageError('expected `operator list`');
      const grants = await operators.list();
      return JSON.stringify({
        operators: grants.map((g) => ({ account: g.accountName, account_id: g.accountId, kind: g.kind, name: g.subjectName, id: g.subjectId, granted_at: new Date(g.grantedAt).toISOString() })),
      });
    }
    default:
      throw new UsageError('expected `operator grant`, `operator revoke` or `operator list`');
  }
}
