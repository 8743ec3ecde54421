/** In-memory fakes of the repositories issue #15 added, held to the same store contract as SQL. */
import type { ResourceTagRepository, TaggedResourceKind } from '../ports.js';
import type { Tag } from '../users/user.js';
import { compareBytewise, copy, type TablesHolder } from './in-memory-tables.js';

export class InMemoryResourceTagRepository implements ResourceTagRepository {
  constructor(private readonly db: TablesHolder) {}

  async list(kind: TaggedResourceKind, resourceId: string): Promise<Tag[]> {
    const tags = this.db.tables.resourceTags.get(`${kind}/${resourceId}`);
    return tags ? [...tags.entries()].sort(([a], [b]) => compareBytewise(a, b)).map(([, t]) => copy(t)) : [];
  }

  async put(kind: TaggedResourceKind, resourceId: string, tags: Tag[]): Promise<void> {
    if (tags.length === 0) return;
    const key = `${kind}/${resourceId}`;
    const current = this.db.tables.resourceTags.get(key) ?? new Map<string, Tag>();
    for (const t of tags) current.set(t.key.toLowerCase(), copy(t));
    this.db.tables.resourceTags.set(key, current);
  }

  async remove(kind: TaggedResourceKind, resourceId: string, keys: string[]): Promise<void> {
    const current = this.db.tables.resourceTags.get(`${kind}/${resourceId}`);
    for (const k of keys) current?.delete(k.toLowerCase());
  }

  async removeAll(kind: TaggedResourceKind, resourceId: string): Promise<void> {
    this.db.tables.resourceTags.delete(`${kind}/${resourceId}`);
  }
}
