import { NotFoundError } from '../../core/errors.js';
import type { UserRef } from '../../core/users/user-ref.js';
import type { QueryCall, QueryOperation, QueryResult } from '../kit/query-dialect.js';
import { WireValidationError } from '../kit/wire-errors.js';
import { USER_NAME_REF } from './rules.js';

/** The parameters every call carries besides its own (Volcengine 公共参数 for header-signed requests). */
const COMMON = ['Action', 'Version'];

export interface VolcOperationSpec {
  /** the Volcengine action name, as in the docs' `Action=` and the Go SDK's `api_<name>.go` */
  action: string;
  /** where the action is specified: a docs page (`6257/65012`) or `extension` for polyiam's own */
  source: string;
  /** the action's parameters; `N` stands for a list index (`Tags.N.Key`) */
  parameters: string[];
  /** the core command(s) it calls, for COVERAGE.md */
  core: string;
  /** the action's own error codes (the common ones apply to every action), for COVERAGE.md */
  errors: string[];
  run(call: QueryCall): Promise<QueryResult>;
}

/** A row of the table with what COVERAGE.md is generated from. */
export interface VolcOperation extends QueryOperation, Omit<VolcOperationSpec, 'run'> {}

/**
 * One row of the Volcengine table. A parameter the action does not have is refused before anything
 * runs, so a typo or a value of the wrong shape (a JSON object where a string belongs, which flattens
 * to `UserName.Key`) is a 400 rather than silently ignored (STYLE.md: refuse unknown fields).
 */
export function volcOperation(spec: VolcOperationSpec): VolcOperation {
  const exact = new Set([...COMMON, ...spec.parameters.filter((p) => !p.includes('.N'))]);
  const listed = spec.parameters
    .filter((p) => p.includes('.N'))
    .map((p) => new RegExp(`^${p.replace(/\./g, '\\.').replace(/\\\.N(?=\\\.|$)/g, '\\.[1-9][0-9]{0,3}')}$`));
  return {
    action: spec.action,
    source: spec.source,
    parameters: spec.parameters,
    core: spec.core,
    errors: spec.errors,
    run(call) {
      for (const name of call.params.names()) {
        if (!exact.has(name) && !listed.some((pattern) => pattern.test(name))) {
          throw new WireValidationError(name, `is not a parameter of \`${spec.action}\``);
        }
      }
      return spec.run(call);
    },
  };
}

/** `UserName` when given, else the caller itself (Volcengine CreateAccessKey: "不指定则为主账号", AWS-style). */
export function userOrCaller(call: QueryCall): UserRef {
  const name = call.params.optionalString('UserName', USER_NAME_REF);
  return name === undefined ? { id: call.ctx.principal.userId } : { name };
}

export function requiredUser(call: QueryCall): UserRef {
  return { name: call.params.requiredString('UserName', USER_NAME_REF) };
}

/** Volcengine ids are integers, the account's included (`AccountId`, `Trn`). @throws not-found */
export async function accountNumericId(call: QueryCall): Promise<number> {
  const account = await call.services.accounts.findById(call.ctx.principal.accountId);
  if (!account) throw new NotFoundError('account', call.ctx.principal.accountId);
  return account.numericId;
}
