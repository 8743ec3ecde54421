import type { UserRef } from '../../core/users/user-ref.js';
import { callerAccount } from '../kit/aws-family/flavor.js';
import type { QueryCall, QueryOperation, QueryResult } from '../kit/query-dialect.js';
import { WireValidationError } from '../kit/wire-errors.js';
import { USER_NAME_REF } from './rules.js';
import { AuthenticationError } from '../../core/errors.js';

/** The parameters every call carries besides its own (Volcengine 公共参数 for header-signed requests). */
const COMMON = ['Action', 'Version'];

export interface VolcOperationSpec {
  /** the Volcengine action name, as in the docs' `Action=` and the Go SDK's `api_<name>.go` */
  action: string;
  /** where the action is specified: a docs page (`6257/65012`) or `extension` for polyiam's own */
  source: string;
  /** the service the request must be signed for: `iam` unless said (STS AssumeRole is `sts`) */
  service?: 'sts';
  /** the action's parameters; `N` stands for a list index (`Tags.N.Key`) */
  parameters: string[];
  /** the core command(s) it calls, for COVERAGE.md */
  core: string;
  /** the action's own error codes (the common ones apply to every action), for COVERAGE.md */
  errors: string[];
  run(call: QueryCall): Promise<QueryResult>;
}

/** A row of the table with what COVERAGE.md is generated from. */
export interface VolcOperation extends QueryOperation, Omit<VolcOperationSpec, 'run' | 'service'> {}

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
      // the dialect admits `iam` and `sts` credential scopes (one Version serves both): each action its own
      const service = call.signature.scheme === 'volc-hmac' ? call.signature.service : undefined;
      if (service !== (spec.service ?? 'iam')) throw new AuthenticationError('bad-signature');
      for (const name of call.params.names()) {
        if (!exact.has(name) && !listed.some((pattern) => pattern.test(name))) {
          throw new WireValidationError(name, `is not a parameter of \`${spec.action}\``);
        }
      }
      return spec.run(call);
    },
  };
}

/**
 * A user named by `UserName`. The account root (Volcengine 主账号) is not an IAM user, so its name names
 * nobody here, as in AWS; the root is reached by leaving `UserName` out (`userOrCaller`).
 */
export const namedUser = (name: string): UserRef => ({ name, excludeRoot: true });

/** `UserName` when given, else the caller (CreateAccessKey: "If UserName is not specified, ... the admin account"). */
export function userOrCaller(call: QueryCall): UserRef {
  const name = call.params.optionalString('UserName', USER_NAME_REF);
  return name === undefined ? { id: call.ctx.principal.userId } : namedUser(name);
}

export function requiredUser(call: QueryCall): UserRef {
  return namedUser(call.params.requiredString('UserName', USER_NAME_REF));
}

/**
 * Volcengine ids are integers, the account's included (`AccountId`, `Trn`). Accounts never change once
 * made, so the kit's per-server cache answers after the first read of each.
 */
export async function accountNumericId(call: QueryCall): Promise<number> {
  return (await callerAccount(call.services, call.ctx)).numericId;
}
