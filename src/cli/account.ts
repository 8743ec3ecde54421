import type { Polyiam } from '../app/polyiam.js';
import type { CreatedAccount } from '../core/accounts/accounts-service.js';
import type { PlainPassword } from '../core/secrets.js';

export function createAccount(polyiam: Polyiam, name: string, password?: PlainPassword): Promise<CreatedAccount> {
  return polyiam.services.accounts.create(name, password);
}

/**
 * The one place secrets are printed on purpose: the operator asked for a new account and must learn its
 * root password and secret key once. Shape fixed by issue #2.
 */
export function credentialsJson(created: CreatedAccount): string {
  return JSON.stringify({
    account: { id: created.account.id, name: created.account.name },
    root: {
      user_id: created.root.id,
      user_name: created.root.name,
      password: created.password.reveal(),
      access_key_id: created.accessKeyId,
      secret_access_key: created.secret.reveal(),
    },
  });
}
