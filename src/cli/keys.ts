import type { Polyiam } from '../app/polyiam.js';
import type { RotationResult } from '../auth/tokens/token-key-ring.js';

/**
 * `polyiam keys rotate`: a new token key becomes primary; the older keys keep validating the tokens
 * they sealed, and the ones superseded more than a token lifetime ago are retired. Keys live sealed in
 * the database, so every node sharing it picks the new key up (at the latest within a minute, at once
 * when a token names it). Prints key ids and times, never key material.
 */
export async function rotateTokenKeys(polyiam: Polyiam): Promise<RotationResult> {
  return polyiam.services.tokens.rotateKeys();
}

export function rotationJson(result: RotationResult): string {
  return JSON.stringify({
    primary: result.primary,
    active: result.active.map((k) => ({
      id: k.id,
      created_at: new Date(k.createdAt).toISOString(),
      superseded_at: k.supersededAt === null ? null : new Date(k.supersededAt).toISOString(),
    })),
    retired: result.retired,
  });
}
