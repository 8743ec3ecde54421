import type { AuditEvent } from './audit-event.js';

/** polyiam's own JSON shape of an event: `GET /audit/events`, `polyiam audit --json` and export. */
export interface AuditEventView {
  id: string;
  time: string;
  account_id: string | null;
  request_id: string;
  dialect: string;
  operation: string | null;
  action: string;
  read_only: boolean;
  resource: string | null;
  outcome: string;
  error: string | null;
  caller: {
    type: string | null;
    user_id: string | null;
    user_name: string | null;
    access_key_id: string | null;
    auth_method: string | null;
    session_id: string | null;
  };
  source_ip: string | null;
  user_agent: string | null;
  parameters: Record<string, string> | null;
}

export function viewOfEvent(event: AuditEvent): AuditEventView {
  return {
    id: event.id,
    time: new Date(event.at).toISOString(),
    account_id: event.accountId,
    request_id: event.requestId,
    dialect: event.dialect,
    operation: event.operation,
    action: event.action,
    read_only: event.readOnly,
    resource: event.resource,
    outcome: event.outcome,
    // the reason of a failed authentication stays in the log: a reader learns only that it failed
    error: event.errorKind,
    caller: {
      type: event.callerType,
      user_id: event.principalUserId,
      user_name: event.userName,
      access_key_id: event.accessKeyId,
      auth_method: event.authMethod,
      session_id: event.sessionId,
    },
    source_ip: event.sourceIp,
    user_agent: event.userAgent,
    parameters: event.parameters === null ? null : (JSON.parse(event.parameters) as Record<string, string>),
  };
}
