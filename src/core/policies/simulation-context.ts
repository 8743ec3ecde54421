import { InvalidInputError } from '../errors.js';
import type { RequestEnvironment } from '../evaluation/request.js';
import type { Tag } from '../users/user.js';
import { parseContextKey } from './context-keys.js';
import type { PolicySyntax } from './document.js';
import { parseBool, parseDate, parseNumber } from './values.js';

/**
 * Condition context a simulation supplies, with keys spelled in a vendor syntax (AWS
 * SimulatePrincipalPolicy `ContextEntries`: `aws:SourceIp`, `aws:RequestTag/team`...).
 */
export interface SimulationContext {
  syntax: PolicySyntax;
  entries: Array<{ key: string; values: string[] }>;
}

/** What the entries set; anything they leave out comes from the call or the simulated principal. */
export interface SimulatedFacts {
  environment: Partial<RequestEnvironment>;
  requestTags: Tag[];
  resourceTags: Tag[];
  principalTags: Tag[];
}

/**
 * Reads the entries into the evaluator's terms. Keys the principal or resource determine (user name,
 * ids, ARNs) are ignored, as AWS ignores them; keys polyiam has no value for are ignored too.
 * @throws invalid-input for a malformed key or value
 */
export function readSimulationContext(context: SimulationContext | undefined): SimulatedFacts {
  const facts: SimulatedFacts = { environment: {}, requestTags: [], resourceTags: [], principalTags: [] };
  for (const { key, values } of context?.entries ?? []) {
    const parsed = parseContextKey(context!.syntax, key);
    if ('error' in parsed) throw new InvalidInputError('context', parsed.error);
    const first = values[0];
    const bad = () => new InvalidInputError('context', `value of \`${key}\` is not valid`);
    switch (parsed.name) {
      case 'SourceIp':
        if (first !== undefined) facts.environment.sourceIp = first;
        break;
      case 'CurrentTime': {
        const at = first === undefined ? null : parseDate(first);
        if (at === null) throw bad();
        facts.environment.currentTime = at;
        break;
      }
      case 'EpochTime': {
        const seconds = first === undefined ? null : parseNumber(first);
        if (seconds === null) throw bad();
        facts.environment.currentTime = seconds * 1000;
        break;
      }
      case 'SecureTransport':
      case 'MultiFactorAuthPresent': {
        const flag = first === undefined ? null : parseBool(first);
        if (flag === null) throw bad();
        if (parsed.name === 'SecureTransport') facts.environment.secureTransport = flag;
        else facts.environment.mfaPresent = flag;
        break;
      }
      case 'RequestTag':
      case 'ResourceTag':
      case 'PrincipalTag': {
        if (first === undefined) break;
        const tag = { key: parsed.tagKey, value: first };
        (parsed.name === 'RequestTag' ? facts.requestTags : parsed.name === 'ResourceTag' ? facts.resourceTags : facts.principalTags).push(tag);
        break;
      }
      default:
        break;
    }
  }
  return facts;
}
