import type { FastifyRequest } from 'fastify';
import type { DialectServices } from '../../front/services.js';
import type { SignatureScheme } from '../../auth/signing/signed-request.js';
import type { ParsedSignature } from '../../auth/signing/signed-request.js';
import type { CallContext } from '../../core/principal.js';
import type { QueryParams } from './query-params.js';
import type { RequestView } from './request.js';

export interface QueryCall {
  ctx: CallContext;
  params: QueryParams;
  services: DialectServices;
  request: FastifyRequest;
  signature: ParsedSignature;
}

/** What an operation returns: the members of `<Action>Result` (AWS, Kingsoft) or `Result` (Volcengine). */
export type QueryResult = Record<string, unknown> | undefined;

/** One row of a query dialect's table: the vendor's action name and one small function. */
export interface QueryOperation {
  action: string;
  run(call: QueryCall): Promise<QueryResult>;
}

export interface RenderContext {
  requestId: string;
  request: RequestView;
  /** known once the Action parameter was read */
  action?: string;
  version?: string;
  /** from the signature's credential scope, for envelopes that echo it (Volcengine) */
  region?: string;
  /** the server clock when the request arrived (movable in test mode), for messages that state a time window */
  now?: number;
}

export interface Rendered {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

/**
 * A query-API dialect (AWS, Kingsoft, Volcengine, STS): which versions and signatures are its, its
 * operation table, and how it writes results and errors. The dispatcher in query-plugin.ts does the rest.
 */
export interface QueryDialect {
  name: string;
  /** the `Version` values that select this dialect */
  versions: string[];
  schemes: SignatureScheme[];
  operations: ReadonlyMap<string, QueryOperation>;
  /** whether a JSON request body is accepted (Volcengine createJSONAPI) */
  acceptsJsonBody: boolean;
  /** pick this dialect when Version is absent or unknown and the request is signed with its scheme */
  ownsScheme(scheme: SignatureScheme | undefined): boolean;
  /**
   * Optional: refuse a verified signature the dialect cannot accept, such as a credential scope naming
   * another service (the verifiers leave `service` to the caller). Throw an `AuthenticationError`.
   */
  checkSignature?(signature: ParsedSignature): void;
  renderSuccess(result: QueryResult, context: RenderContext): Rendered;
  renderError(err: unknown, context: RenderContext): Rendered;
}

export function operationTable(operations: QueryOperation[]): ReadonlyMap<string, QueryOperation> {
  return new Map(operations.map((op) => [op.action, op]));
}
