import { runCommand, type CoreDeps } from '../deps.js';
import { InvalidInputError } from '../errors.js';
import type { SecretBox } from '../ports.js';
import type { CallContext } from '../principal.js';
import { StsActions } from './actions.js';
import type { DecodedAuthorization } from './explanation.js';

/** Marks a sealed value as an authorization message, so no other sealed value (a key's secret) decodes. */
const MESSAGE_TYPE = 'polyiam-authorization-message';

interface SealedPayload {
  type: typeof MESSAGE_TYPE;
  version: 1;
  accountId: string;
  decoded: DecodedAuthorization;
}

/** Huawei IAM v5 STS5 DecodeAuthorizationMessage: `encoded_message` is 1 to 10240 characters. */
export const MAX_ENCODED_MESSAGE_LENGTH = 10_240;

/**
 * Seals an explanation so that only this server (any node sharing the key-encryption key) can open
 * it: AES-256-GCM through the SecretBox. Explanations too long for the vendors' decode APIs lose
 * failures, then matched statements, until they fit.
 */
export function sealAuthorizationMessage(box: SecretBox, accountId: string, decoded: DecodedAuthorization): string {
  let current = decoded;
  for (;;) {
    const payload: SealedPayload = { type: MESSAGE_TYPE, version: 1, accountId, decoded: current };
    const sealed = box.seal(JSON.stringify(payload));
    if (sealed.length <= MAX_ENCODED_MESSAGE_LENGTH) return sealed;
    if (current.failures.length > 0) current = { ...current, failures: current.failures.slice(0, Math.floor(current.failures.length / 2)) };
    else if (current.matchedStatements.length > 0) current = { ...current, matchedStatements: current.matchedStatements.slice(0, Math.floor(current.matchedStatements.length / 2)) };
    else if (current.context.conditions.length > 0) current = { ...current, context: { ...current.context, conditions: [] } };
    else return sealed;
  }
}

/** @throws invalid-input when the text is not a message this server sealed */
export function openAuthorizationMessage(box: SecretBox, encoded: string): { accountId: string; decoded: DecodedAuthorization } {
  const invalid = new InvalidInputError('encodedMessage', 'is not a valid authorization message');
  if (encoded.length === 0 || encoded.length > MAX_ENCODED_MESSAGE_LENGTH) throw invalid;
  let payload: unknown;
  try {
    payload = JSON.parse(box.open(encoded));
  } catch {
    throw invalid;
  }
  const p = payload as Partial<SealedPayload> | null;
  if (typeof p !== 'object' || p === null || p.type !== MESSAGE_TYPE || p.version !== 1 || typeof p.accountId !== 'string' || !p.decoded) throw invalid;
  return { accountId: p.accountId, decoded: p.decoded };
}

/** The decode API of every dialect: AWS STS DecodeAuthorizationMessage, Huawei STS5 DecodeAuthorizationMessage. */
export class AuthorizationMessages {
  constructor(private readonly deps: CoreDeps) {}

  /**
   * Opens an encoded authorization message. Decoding is a command of its own (AWS
   * `sts:DecodeAuthorizationMessage`, Huawei `sts::decodeAuthorizationMessage`), because the message
   * tells more than the caller that was denied may know. A message sealed for another account is
   * refused exactly like a forged one.
   * @throws access-denied | invalid-input
   */
  decode(ctx: CallContext, encoded: string): Promise<DecodedAuthorization> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, StsActions.decodeAuthorizationMessage, { type: 'account', accountId }, async () => {
      const opened = openAuthorizationMessage(this.deps.secretBox, encoded);
      // SECURITY: nothing crosses accounts, not even an explanation
      if (opened.accountId !== accountId) throw new InvalidInputError('encodedMessage', 'is not a valid authorization message');
      return opened.decoded;
    });
  }
}
