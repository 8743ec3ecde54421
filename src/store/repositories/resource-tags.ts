import type { Kysely } from 'kysely';
import type { ResourceTagRepository, TaggedResourceKind } from '../../core/ports.js';
import type { Tag } from '../../core/users/user.js';
import type { Database } from '../schema.js';

/** Tags of policies, server certificates and identity providers: one table keyed by (kind, id, lowercased key). */
export class KyselyResourceTagRepository implements ResourceTagRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(kind: TaggedResourceKind, resourceId: string): Promise<Tag[]> {
    const rows = await this.db
      .selectFrom('resource_tags')
      .select(['tag_key', 'tag_value'])
      .where('resource_kind', '=', kind)
      .where('resource_id', '=', resourceId)
      .orderBy('key_lower')
      .execute();
    return rows.map((r) => ({ key: r.tag_key, value: r.tag_value }));
  }

  async put(kind: TaggedResourceKind, resourceId: string, tags: Tag[]): Promise<void> {
    if (tags.length === 0) return;
    await this.db
      .insertInto('resource_tags')
      .values(tags.map((t) => ({ resource_kind: kind, resource_id: resourceId, tag_key: t.key, key_lower: t.key.toLowerCase(), tag_value: t.value })))
      .onConflict((oc) => oc.columns(['resource_kind', 'resource_id', 'key_lower']).doUpdateSet((eb) => ({ tag_key: eb.ref('excluded.tag_key'), tag_value: eb.ref('excluded.tag_value') })))
      .execute();
  }

  async remove(kind: TaggedResourceKind, resourceId: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db
      .deleteFrom('resource_tags')
      .where('resource_kind', '=', kind)
      .where('resource_id', '=', resourceId)
      .where('key_lower', 'in', keys.map((k) => k.toLowerCase()))
      .execute();
  }

  async removeAll(kind: TaggedResourceKind, resourceId: string): Promise<void> {
    await this.db.deleteFrom('resource_tags').where('resource_kind', '=', kind).where('resource_id', '=', resourceId).execute();
  }
}
