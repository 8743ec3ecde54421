/**
 * Keystone users' extra attributes (issue #16): Keystone's user schema takes any property beyond its
 * own (`additionalProperties: True`) and returns it as given (tempest's `project_id`, OpenStack tools'
 * own fields). Kept per user as one JSON object, only under POLYIAM_V3_RULES=keystone.
 */
export type UserExtras = Record<string, unknown>;

/** how many extra attributes a user may hold, and how large they may be together (JSON bytes) */
export const MAX_USER_EXTRAS = 32;
export const MAX_USER_EXTRAS_BYTES = 8192;

export interface UserExtrasRepository {
  find(accountId: string, userId: string): Promise<UserExtras>;
  /** replaces the user's extras; an empty object removes the row */
  put(accountId: string, userId: string, extras: UserExtras): Promise<void>;
}

/**
 * Reads and writes of users' extras. Like `ProjectsService.setDefaultProject`, a write is part of a
 * user create or update the dialect has just made through `UsersService` (authorized and audited
 * there), so it is not authorized again.
 */
export class UserExtrasService {
  constructor(private readonly extras: UserExtrasRepository) {}

  get(accountId: string, userId: string): Promise<UserExtras> {
    return this.extras.find(accountId, userId);
  }

  /** Keystone PATCH semantics: the given attributes replace those of the same name, the rest stay. */
  async merge(accountId: string, userId: string, changes: UserExtras): Promise<UserExtras> {
    if (Object.keys(changes).length === 0) return this.extras.find(accountId, userId);
    const next = { ...(await this.extras.find(accountId, userId)), ...changes };
    await this.extras.put(accountId, userId, next);
    return next;
  }

  /** a deleted user's extras go with it */
  forget(accountId: string, userId: string): Promise<void> {
    return this.extras.put(accountId, userId, {});
  }
}
