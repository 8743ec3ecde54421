import type { DialectServices } from '../../app/services.js';
import type { CallContext } from '../../core/principal.js';

export interface V5Call {
  ctx: CallContext;
  params: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  body: Buffer;
  services: DialectServices;
}

/** One row of the v5 table: the SDK method name, its route, its success status and one call into core. */
export interface V5Operation {
  /** the `IamClient` method of @huaweicloud/huaweicloud-sdk-iam v5, so a search for it finds this row */
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  status: 200 | 201 | 204;
  run(call: V5Call): Promise<unknown>;
}
