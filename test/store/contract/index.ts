/**
 * The store contract: one suite per repository of `Repositories` (src/core/ports.ts), plus
 * `Store.transaction`. Every backend runs all of it: SQLite in memory and on disk, PostgreSQL, and the
 * in-memory fake of core/testing, so none of them can drift from the others.
 */
import type { StoreFactory } from './harness.js';
import { accessKeyRepositoryContract } from './access-keys.js';
import { accountRepositoryContract } from './accounts.js';
import { groupRepositoryContract } from './groups.js';
import { loginProfileRepositoryContract } from './login-profiles.js';
import { passwordPolicyRepositoryContract } from './password-policies.js';
import { policyRepositoryContract } from './policies.js';
import { restartContract } from './restart.js';
import { roleRepositoryContract } from './roles.js';
import { transactionContract } from './transactions.js';
import { userListingContract } from './users-listing.js';
import { userRepositoryContract } from './users.js';
import { awsApiContract } from './aws-api.js';
import { keysetListContract } from './keyset-lists.js';

export { auditSinkContract, type AuditFactory, type AuditHandle } from './audit-sink.js';
export type { StoreFactory, StoreHandle } from './harness.js';

export function storeContract(factory: StoreFactory): void {
  accountRepositoryContract(factory);
  userRepositoryContract(factory);
  userListingContract(factory);
  loginProfileRepositoryContract(factory);
  passwordPolicyRepositoryContract(factory);
  accessKeyRepositoryContract(factory);
  groupRepositoryContract(factory);
  policyRepositoryContract(factory);
  roleRepositoryContract(factory);
  transactionContract(factory);
  restartContract(factory);
  awsApiContract(factory);
  keysetListContract(factory);
}
