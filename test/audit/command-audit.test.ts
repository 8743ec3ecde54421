/**
 * @see #14 What runCommand + store.transaction promise any command, including ones other branches add:
 * a write's success event commits in its first transaction (and only there), a rolled-back change
 * leaves only a failure event, a write outside any transaction is stored before the caller hears of
 * it, concurrent commands each carry their own event, and reads stay batched.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Actions } from '../../src/core/authorization/actions.js';
import { runCommand, type CoreDeps } from '../../src/core/deps.js';
import { InvalidInputError } from '../../src/core/errors.js';
import { createTestCore, type TestCore } from '../support/core.js';

describe('runCommand and the audit event of a write', () => {
  let core: TestCore;
  let deps: CoreDeps;
  before(async () => {
    core = await createTestCore();
    const { polyiam } = core;
    deps = { store: polyiam.store, audit: polyiam.services.audit, clock: polyiam.services.clock, authorizer: { authorize: async () => undefined } } as unknown as CoreDeps;
  });
  after(() => core.close());

  const eventsFor = (resource: string) => core.polyiam.store.db.selectFrom('audit_events').selectAll().where('resource', '=', resource).execute();
  const accountId = () => core.account.account.id;
  const settings = { minimumLength: 9 } as never;

  it('commits the success event in the transaction of the change', async () => {
    await runCommand(deps, core.root, Actions.updatePasswordPolicy, { type: 'account', accountId: accountId(), name: 'in-tx' }, () =>
      deps.store.transaction((tx) => tx.passwordPolicies.put(accountId(), settings)),
    );
    const events = await eventsFor('account/in-tx');
    assert.deepEqual(events.map((e) => e.outcome), ['success'], 'in the table before any flush');
  });

  it('leaves no success event for a change that rolled back, only the batched failure', async () => {
    await assert.rejects(
      runCommand(deps, core.root, Actions.updatePasswordPolicy, { type: 'account', accountId: accountId(), name: 'rolled-back' }, () =>
        deps.store.transaction(async (tx) => {
          await tx.passwordPolicies.delete(accountId());
          throw new InvalidInputError('policy', 'refused after the write');
        }),
      ),
    );
    assert.ok(await core.polyiam.store.passwordPolicies.find(accountId()), 'the delete rolled back');
    await core.polyiam.services.audit.flush();
    assert.deepEqual((await eventsFor('account/rolled-back')).map((e) => [e.outcome, e.error_kind]), [['failed', 'invalid-input']]);
  });

  it('writes one event for a command of two transactions, in the first', async () => {
    await runCommand(deps, core.root, Actions.updatePasswordPolicy, { type: 'account', accountId: accountId(), name: 'two-tx' }, async () => {
      await deps.store.transaction((tx) => tx.passwordPolicies.put(accountId(), settings));
      assert.equal((await eventsFor('account/two-tx')).length, 1, 'committed with the first');
      await deps.store.transaction((tx) => tx.passwordPolicies.put(accountId(), settings));
    });
    assert.equal((await eventsFor('account/two-tx')).length, 1);
  });

  it('stores the event of a write made outside a transaction before returning', async () => {
    await runCommand(deps, core.root, Actions.updatePasswordPolicy, { type: 'account', accountId: accountId(), name: 'no-tx' }, () => deps.store.passwordPolicies.put(accountId(), settings));
    assert.deepEqual((await eventsFor('account/no-tx')).map((e) => e.outcome), ['success']);
  });

  it('gives concurrent commands each their own event', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `concurrent-${i}`);
    await Promise.all(
      names.map((name, i) =>
        runCommand(deps, core.root, Actions.updatePasswordPolicy, { type: 'account', accountId: accountId(), name }, async () => {
          await new Promise((resolve) => setTimeout(resolve, (i * 7) % 5));
          await deps.store.transaction((tx) => tx.passwordPolicies.put(accountId(), settings));
        }),
      ),
    );
    for (const name of names) assert.equal((await eventsFor(`account/${name}`)).length, 1, name);
  });

  it('keeps reads batched', async () => {
    await runCommand(deps, core.root, Actions.getPasswordPolicy, { type: 'account', accountId: accountId(), name: 'read' }, () => deps.store.transaction((tx) => tx.passwordPolicies.find(accountId())));
    assert.equal((await eventsFor('account/read')).length, 0, 'not yet');
    await core.polyiam.services.audit.flush();
    const [event] = await eventsFor('account/read');
    assert.equal(Number(event!.read_only), 1);
  });
});
