import type { QueryResult } from '../query-dialect.js';
import { toAwsXml, xmlDocument, xmlElement } from '../xml.js';

/** A vendor error as it goes on the wire. `Type` is derived: Sender for 4xx, Receiver for 5xx. */
export interface WireError {
  status: number;
  code: string;
  message: string;
}

/**
 * AWS query success: `<OpResponse><OpResult>..</OpResult><ResponseMetadata><RequestId/></ResponseMetadata>`;
 * operations without output have no `<OpResult>` (aws-iam-query.md §4). Kingsoft's docs show the same
 * shape without the namespace (kingsoft seed, CreateLoginProfile XML example).
 */
export function xmlSuccess(action: string, namespace: string | undefined, resultKey: string, result: QueryResult, requestId: string): string {
  // written in place, not through an envelope object: the same bytes as toAwsXml of that object
  return xmlDocument(`${action}Response`, namespace, `${xmlElement(resultKey, result)}<ResponseMetadata>${xmlElement('RequestId', requestId)}</ResponseMetadata>`);
}

/**
 * AWS: `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>` (§5); Kingsoft
 * (docs page 82) puts `RequestId` first and has no namespace. The SDK reads `Error.Code` either way.
 */
export function xmlError(error: WireError, requestId: string, style: { namespace?: string; requestIdFirst?: boolean }): string {
  const body = { Type: errorType(error.status), Code: error.code, Message: error.message };
  return toAwsXml('ErrorResponse', style.namespace, style.requestIdFirst ? { RequestId: requestId, Error: body } : { Error: body, RequestId: requestId });
}

/**
 * Kingsoft JSON (`Accept: application/json`, docs page 82): `{"<Op>Result": {...}, "RequestId": ".."}`
 * as the Go SDK's response structs read it, plus `ResponseMetadata.RequestId` as the CreateLoginProfile
 * JSON example shows it; both are sent so either reader finds the id. Lists are `{"Member": [...]}`
 * (Go SDK models: `Users struct { Member []struct{...} }`).
 */
export function jsonSuccess(resultKey: string, result: QueryResult, requestId: string): string {
  return JSON.stringify({
    ...(result !== undefined ? { [resultKey]: jsonMembers(result) } : {}),
    ResponseMetadata: { RequestId: requestId },
    RequestId: requestId,
  });
}

/** Kingsoft JSON error: `{"RequestId": "..", "Error": {"Type", "Code", "Message"}}` (docs page 82) */
export function jsonError(error: WireError, requestId: string): string {
  return JSON.stringify({ RequestId: requestId, Error: { Type: errorType(error.status), Code: error.code, Message: error.message } });
}

function errorType(status: number): 'Sender' | 'Receiver' {
  return status >= 500 ? 'Receiver' : 'Sender';
}

function jsonMembers(value: unknown): unknown {
  if (Array.isArray(value)) return { Member: value.map(jsonMembers) };
  // a string-keyed map (GetAccountSummary SummaryMap) is a JSON object, as Kingsoft's JSON renders maps
  if (value instanceof Map) return jsonMembers(Object.fromEntries(value));
  if (typeof value === 'object' && value !== null) {
    // a loop rather than fromEntries(entries().filter().map()): three arrays per object fewer
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record)) {
      const member = record[key];
      if (member === undefined) continue;
      // as fromEntries does: a member named `__proto__` stays a member, never the prototype
      if (key === '__proto__') Object.defineProperty(out, key, { value: jsonMembers(member), enumerable: true, writable: true, configurable: true });
      else out[key] = jsonMembers(member);
    }
    return out;
  }
  return value;
}
