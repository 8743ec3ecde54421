import type { DialectServices } from '../../front/services.js';
import type { CallContext } from '../../core/principal.js';
import type { V5ErrorName } from './errors.js';

export interface V5Call {
  ctx: CallContext;
  params: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  body: Buffer;
  services: DialectServices;
}

/**
 * One row of the v5 table: the SDK method name, its route, its success status and one call into core.
 * `core` and `errors` document the row and feed COVERAGE.md (scripts/coverage.ts).
 */
export interface V5Operation {
  /** the `IamClient` method of @huaweicloud/huaweicloud-sdk-iam v5, so a search for it finds this row */
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  status: 200 | 201 | 202 | 204;
  /** the core service method the row calls, e.g. `users.create` */
  core: string;
  /** what this row answers besides 401 (any row) and 500 */
  errors: V5ErrorName[];
  /**
   * Returns the JSON body. `undefined` means no body: a 204, or a 200 the v5 docs give no response body
   * for (ChangePasswordV5, DeleteResourceTagsV5).
   */
  run(call: V5Call): Promise<unknown>;
}
