/**
 * AWS CloudTrail LookupEvents input (API Reference, "LookupEvents" Request Parameters): at most one
 * LookupAttribute, StartTime/EndTime as JSON 1.1 timestamps (epoch seconds), MaxResults 1-50 (50 by
 * default), NextToken from a previous page.
 */
import type { AuditFilter } from '../../core/audit/audit-trail-service.js';
import { CloudTrailError } from './errors.js';
import { dialectsOfEventSource, resourceTypeOf } from './records.js';

export interface LookupEventsInput {
  filter: AuditFilter;
  limit: number;
  nextToken: string | undefined;
  /** LookupEvents EventCategory `insight`: polyiam records no Insights events */
  insightsOnly: boolean;
}

/** AttributeKey values CloudTrail defines (LookupAttribute AttributeKey) */
const SUPPORTED_KEYS = ['EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'] as const;

/** @throws CloudTrailError with CloudTrail's own code for each mistake */
export function parseLookupEvents(body: Record<string, unknown>): LookupEventsInput {
  const filter: AuditFilter = {};
  const attributes = body.LookupAttributes;
  if (attributes !== undefined && attributes !== null) {
    if (!Array.isArray(attributes)) throw new CloudTrailError('InvalidLookupAttributesException', 'LookupAttributes must be a list');
    if (attributes.length > 1) throw new CloudTrailError('InvalidLookupAttributesException', 'You cannot specify more than one lookup attribute.');
    const [attribute] = attributes as unknown[];
    if (attribute !== undefined) addAttribute(filter, attribute);
  }
  const from = optionalTime(body.StartTime, 'StartTime');
  const to = optionalTime(body.EndTime, 'EndTime');
  if (from !== undefined && to !== undefined && from > to) throw new CloudTrailError('InvalidTimeRangeException', 'Start time must be earlier than or equal to end time.');
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  let limit = 50;
  if (body.MaxResults !== undefined && body.MaxResults !== null) {
    const max = body.MaxResults;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 50) {
      throw new CloudTrailError('InvalidMaxResultsException', 'MaxResults must be an integer from 1 to 50.');
    }
    limit = max;
  }
  let nextToken: string | undefined;
  if (body.NextToken !== undefined && body.NextToken !== null) {
    if (typeof body.NextToken !== 'string' || body.NextToken === '') throw new CloudTrailError('InvalidNextTokenException', 'Invalid NextToken.');
    nextToken = body.NextToken;
  }
  let insightsOnly = false;
  if (body.EventCategory !== undefined && body.EventCategory !== null) {
    if (body.EventCategory !== 'insight') throw new CloudTrailError('InvalidEventCategoryException', `\`${String(body.EventCategory)}\` is not a valid EventCategory; the only value is insight`);
    insightsOnly = true;
  }
  return { filter, limit, nextToken, insightsOnly };
}

function addAttribute(filter: AuditFilter, attribute: unknown): void {
  if (typeof attribute !== 'object' || attribute === null) throw new CloudTrailError('InvalidLookupAttributesException', 'a lookup attribute must have AttributeKey and AttributeValue');
  const { AttributeKey: key, AttributeValue: value } = attribute as Record<string, unknown>;
  if (typeof key !== 'string') throw new CloudTrailError('InvalidLookupAttributesException', 'AttributeKey is required');
  if (typeof value !== 'string' || value.length < 1 || value.length > 2000) {
    throw new CloudTrailError('InvalidLookupAttributesException', 'AttributeValue must be 1 to 2000 characters');
  }
  switch (key as (typeof SUPPORTED_KEYS)[number]) {
    case 'EventId':
      filter.eventId = value;
      return;
    case 'EventName':
      filter.operation = value;
      return;
    case 'Username':
      filter.userName = value;
      return;
    case 'ResourceName':
      filter.resourceName = value;
      return;
    case 'ResourceType':
      // `AWS::IAM::User`; a type polyiam does not have (`AWS::S3::Bucket`) names no resource here
      filter.resourceType = resourceTypeOf(value) ?? value;
      return;
    case 'EventSource':
      // `iam.amazonaws.com`, `sts.amazonaws.com`...; another service's source matches no event
      filter.dialects = dialectsOfEventSource(value);
      return;
    case 'AccessKeyId':
      filter.accessKeyId = value;
      return;
    case 'ReadOnly':
      if (value !== 'true' && value !== 'false') throw new CloudTrailError('InvalidLookupAttributesException', 'ReadOnly must be true or false');
      filter.readOnly = value === 'true';
      return;
    default:
      throw new CloudTrailError('InvalidLookupAttributesException', `\`${key}\` is not a valid AttributeKey; use one of ${SUPPORTED_KEYS.join(', ')}`);
  }
}

/** JSON 1.1 timestamps are epoch seconds (fractions allowed); returned as epoch ms */
function optionalTime(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 253402300799) {
    throw new CloudTrailError('InvalidTimeRangeException', `${name} is not a valid time`);
  }
  return Math.floor(value * 1000);
}
