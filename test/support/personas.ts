import type { CallContext, Principal } from '../../src/core/principal.js';
import type { Tag, User } from '../../src/core/users/user.js';
import type { TestCore } from './core.js';
import { pw } from './core.js';

/** A call made by `user`, as a dialect builds it after authentication (by access key unless told). */
export function contextFor(user: Pick<User, 'id' | 'accountId' | 'name' | 'isRoot'>, overrides: Partial<Principal> & { sourceIp?: string | null; dialect?: string } = {}): CallContext {
  const { sourceIp, dialect, ...principal } = overrides;
  return {
    principal: {
      accountId: user.accountId,
      userId: user.id,
      userName: user.name,
      isRoot: user.isRoot,
      authMethod: 'access-key',
      mfaAuthenticated: false,
      ...principal,
    },
    requestId: `req-${user.name}`,
    dialect: dialect ?? 'test',
    sourceIp: sourceIp === undefined ? '203.0.113.7' : sourceIp,
    secureTransport: true,
  };
}

export const PERSONA_PASSWORD = 'Persona#Pass2024';

/** A user of the core's account made by its root, with a login profile (password `PERSONA_PASSWORD`). */
export async function createPersona(core: TestCore, name: string, options: { tags?: Tag[]; enabled?: boolean; loginProfile?: boolean } = {}): Promise<{ user: User; ctx: CallContext }> {
  const { services } = core.polyiam;
  const user = await services.users.create(core.root, { name, tags: options.tags ?? [], ...(options.enabled === undefined ? {} : { enabled: options.enabled }) });
  if (options.loginProfile !== false) await services.loginProfiles.create(core.root, { id: user.id }, { password: pw(PERSONA_PASSWORD), passwordResetRequired: false });
  return { user, ctx: contextFor(user) };
}
