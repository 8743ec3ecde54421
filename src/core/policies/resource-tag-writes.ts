import { LimitExceededError } from '../errors.js';
import type { Repositories, TaggedResourceKind } from '../ports.js';
import { checkTagSet } from '../users/users-service.js';
import { MAX_TAGS_PER_USER, type Tag } from '../users/user.js';

/**
 * Adds or replaces tags on a resource other than a user, with users' rules (AWS TagInstanceProfile,
 * TagSAMLProvider...: 50 tags, keys unique case-insensitively). Runs inside the caller's transaction.
 * @throws invalid-input | limit-exceeded
 */
export async function addResourceTags(tx: Repositories, kind: TaggedResourceKind, resourceId: string, tags: Tag[]): Promise<void> {
  checkTagSet(tags, kind);
  const keys = new Set((await tx.resourceTags.list(kind, resourceId)).map((t) => t.key.toLowerCase()));
  for (const t of tags) keys.add(t.key.toLowerCase());
  if (keys.size > MAX_TAGS_PER_USER) throw new LimitExceededError('tag', MAX_TAGS_PER_USER, kind);
  await tx.resourceTags.put(kind, resourceId, tags);
}
