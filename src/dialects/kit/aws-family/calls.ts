import type { Account } from '../../../core/accounts/account.js';
import type { Principal } from '../../../core/principal.js';
import { operationTable, type QueryOperation } from '../query-dialect.js';
import type { QueryParams } from '../query-params.js';
import { callerAccount } from './flavor.js';

/** What an error message may need to name besides the error: who called, in which account, with what. */
export interface CallRecord {
  principal: Principal;
  account: Account;
  params: QueryParams;
}

/**
 * Remembers, per request, the caller and parameters of the operation that ran, so the (synchronous)
 * error renderer can word messages the way the vendor does: AWS AccessDenied names the caller's ARN,
 * EntityAlreadyExists for a login profile names the user. One instance per dialect instance.
 */
export class CallRecords {
  private readonly records = new WeakMap<object, CallRecord>();

  /** the operation table, each operation recording its call before it runs */
  table(operations: QueryOperation[]): ReadonlyMap<string, QueryOperation> {
    return operationTable(
      operations.map((operation) => ({
        action: operation.action,
        run: async (call) => {
          this.records.set(call.request, { principal: call.ctx.principal, account: await callerAccount(call.services, call.ctx), params: call.params });
          return operation.run(call);
        },
      })),
    );
  }

  get(request: object): CallRecord | undefined {
    return this.records.get(request);
  }
}
