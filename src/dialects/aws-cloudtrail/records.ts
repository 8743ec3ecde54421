/**
 * Audit events as AWS CloudTrail shows them: the `Event` of LookupEvents and, in its `CloudTrailEvent`,
 * the record of CloudTrail's "record contents" page (eventVersion 1.08: userIdentity, eventTime,
 * eventSource, eventName, sourceIPAddress, userAgent, errorCode, requestParameters, requestID, eventID,
 * readOnly, eventType, managementEvent, recipientAccountId, eventCategory).
 */
import { readRoleSessionContext } from '../../core/audit/role-session-context.js';
import type { AuditEvent } from '../../core/audit/audit-event.js';
import type { IamErrorKind } from '../../core/errors.js';

/** Where a call was served, in CloudTrail's `eventSource` terms (one per dialect). */
const EVENT_SOURCES: Record<string, string> = {
  aws: 'iam.amazonaws.com',
  'aws-sts': 'sts.amazonaws.com',
  'aws-cloudtrail': 'cloudtrail.amazonaws.com',
  'huawei-v3': 'iam.myhuaweicloud.com',
  'huawei-v5': 'iam.myhuaweicloud.com',
  volcengine: 'iam.volcengineapi.com',
  kingsoft: 'iam.api.ksyun.com',
  native: 'polyiam',
  system: 'polyiam',
};

/** AWS IAM's error codes for core's error kinds (the codes an AWS client of the same call would see). */
const ERROR_CODES: Record<IamErrorKind, string> = {
  'not-found': 'NoSuchEntityException',
  'already-exists': 'EntityAlreadyExistsException',
  'delete-conflict': 'DeleteConflictException',
  'limit-exceeded': 'LimitExceededException',
  'invalid-input': 'InvalidInputException',
  'password-policy': 'PasswordPolicyViolationException',
  'access-denied': 'AccessDenied',
  'authentication-failed': 'InvalidClientTokenId',
  'mfa-required': 'AccessDenied',
  expired: 'ExpiredToken',
  disabled: 'AccessDenied',
  'precondition-failed': 'InvalidInputException',
};

const RESOURCE_TYPES: Record<string, string> = {
  user: 'AWS::IAM::User',
  group: 'AWS::IAM::Group',
  policy: 'AWS::IAM::Policy',
  role: 'AWS::IAM::Role',
  account: 'AWS::IAM::Account',
};

export interface CloudTrailLookupEvent {
  EventId: string;
  EventName: string;
  /** CloudTrail sends "true" / "false" as text */
  ReadOnly: string;
  AccessKeyId?: string;
  /** epoch seconds (JSON 1.1 timestamps) */
  EventTime: number;
  EventSource: string;
  Username?: string;
  Resources: Array<{ ResourceType: string; ResourceName: string }>;
  CloudTrailEvent: string;
}

/** the dialects whose events carry `source` (LookupAttributes EventSource); none for a source polyiam has not */
export function dialectsOfEventSource(source: string): string[] {
  return Object.keys(EVENT_SOURCES).filter((dialect) => EVENT_SOURCES[dialect] === source);
}

/** `user` for `AWS::IAM::User` (LookupAttributes ResourceType); undefined for a type polyiam has not */
export function resourceTypeOf(cloudTrailType: string): string | undefined {
  return Object.keys(RESOURCE_TYPES).find((type) => RESOURCE_TYPES[type] === cloudTrailType);
}

export function eventSourceOf(dialect: string): string {
  return EVENT_SOURCES[dialect] ?? 'polyiam';
}

export function errorCodeOf(event: AuditEvent): string | undefined {
  if (event.outcome === 'success') return undefined;
  if (event.errorKind === null) return event.outcome === 'denied' ? 'AccessDenied' : 'ValidationError';
  if (event.errorKind === 'authentication-failed' && event.reason === 'bad-signature') return 'SignatureDoesNotMatch';
  return ERROR_CODES[event.errorKind];
}

function resourcesOf(event: AuditEvent): Array<{ ResourceType: string; ResourceName: string }> {
  if (event.resource === null) return [];
  const slash = event.resource.indexOf('/');
  const type = event.resource.slice(0, slash);
  const name = event.resource.slice(slash + 1);
  if (slash === -1 || name === '*' || name === '') return [];
  return [{ ResourceType: RESOURCE_TYPES[type] ?? type, ResourceName: name }];
}

function userIdentityOf(event: AuditEvent, accountNumber: string): Record<string, unknown> {
  const base = { principalId: event.principalUserId ?? undefined, accountId: accountNumber, accessKeyId: event.accessKeyId ?? undefined };
  switch (event.callerType) {
    case 'root':
      return { type: 'Root', ...base, arn: `arn:aws:iam::${accountNumber}:root`, userName: event.userName ?? undefined };
    case 'user':
      return { type: 'IAMUser', ...base, arn: `arn:aws:iam::${accountNumber}:user/${event.userName ?? ''}`, userName: event.userName ?? undefined };
    case 'assumed-role': {
      // CloudTrail userIdentity for temporary credentials: the session's ARN, `AROA…:<session>`, and the
      // role that issued it in sessionContext.sessionIssuer; polyiam adds who assumed the role (issue #13)
      const session = readRoleSessionContext(event.sessionId);
      if (!session) return { type: 'AssumedRole', ...base, userName: event.userName ?? undefined };
      const { role, assumedBy } = session;
      return {
        type: 'AssumedRole',
        ...base,
        principalId: `${role.awsId}:${session.sessionName}`,
        arn: `arn:aws:sts::${accountNumber}:assumed-role/${role.name}/${session.sessionName}`,
        sessionContext: {
          sessionIssuer: { type: 'Role', principalId: role.awsId, arn: `arn:aws:iam::${accountNumber}:role${role.path}${role.name}`, accountId: accountNumber, userName: role.name },
          attributes: { creationDate: new Date(session.issuedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'), mfaAuthenticated: String(session.mfa) },
          ...(session.sourceIdentity !== null ? { sourceIdentity: session.sourceIdentity } : {}),
          assumedBy: { principalId: assumedBy.userId, userName: assumedBy.userName, ...(assumedBy.sessionName !== undefined ? { sessionName: assumedBy.sessionName } : {}) },
        },
      };
    }
    case 'system':
      return { type: 'AWSService', invokedBy: 'polyiam' };
    default:
      return { type: 'Unknown', accessKeyId: event.accessKeyId ?? undefined };
  }
}

/** The CloudTrail record of one event: what `CloudTrailEvent` holds, as a JSON text. */
export function cloudTrailRecord(event: AuditEvent, accountNumber: string, region: string): string {
  const errorCode = errorCodeOf(event);
  return JSON.stringify({
    eventVersion: '1.08',
    userIdentity: userIdentityOf(event, accountNumber),
    eventTime: new Date(event.at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: eventSourceOf(event.dialect),
    eventName: event.operation ?? event.action,
    awsRegion: region,
    sourceIPAddress: event.sourceIp ?? undefined,
    userAgent: event.userAgent ?? undefined,
    ...(errorCode !== undefined ? { errorCode, errorMessage: event.outcome === 'denied' ? 'access denied' : `the call failed: ${event.errorKind ?? 'invalid request'}` } : {}),
    requestParameters: event.parameters === null ? null : (JSON.parse(event.parameters) as unknown),
    responseElements: null,
    requestID: event.requestId,
    eventID: event.id,
    readOnly: event.readOnly,
    resources: resourcesOf(event).map((r) => ({ type: r.ResourceType, ARN: undefined, name: r.ResourceName })),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: accountNumber,
    eventCategory: 'Management',
    // polyiam's own fields: the dialect that served the call and the core action it ran
    additionalEventData: { dialect: event.dialect, coreAction: event.action, outcome: event.outcome },
  });
}

/** One LookupEvents `Events` entry. */
export function lookupEventOf(event: AuditEvent, accountNumber: string, region: string): CloudTrailLookupEvent {
  return {
    EventId: event.id,
    EventName: event.operation ?? event.action,
    ReadOnly: event.readOnly ? 'true' : 'false',
    ...(event.accessKeyId !== null ? { AccessKeyId: event.accessKeyId } : {}),
    EventTime: event.at / 1000,
    EventSource: eventSourceOf(event.dialect),
    ...(event.userName !== null ? { Username: event.userName } : {}),
    Resources: resourcesOf(event),
    CloudTrailEvent: cloudTrailRecord(event, accountNumber, region),
  };
}
