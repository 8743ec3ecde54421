/** @see #11 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { InvalidAuthenticationCodeError } from '../../src/core/mfa/errors.js';
import { createTestCore, pw, type TestCore } from '../support/core.js';
import { codeAt, consecutiveCodes } from '../support/totp.js';

let core: TestCore;
let seed: string;
let deviceId: string;
before(async () => {
  core = await createTestCore();
  const { users, loginProfiles } = core.polyiam.services;
  for (const name of ['alice', 'bob']) {
    await users.create(core.root, { name });
    await loginProfiles.create(core.root, { name }, { password: pw('Correct#Horse1'), passwordResetRequired: false });
  }
});
after(() => core.close());

const mfa = () => core.polyiam.services.mfaDevices;

test('create: a 20-byte base32 seed, an otpauth URI and a PNG QR code, shown once; the seed is sealed at rest', async () => {
  const created = await mfa().create(core.root, { name: 'alice-phone', label: 'alice-phone@acme' });
  seed = created.base32Seed;
  deviceId = created.device.id;
  assert.match(seed, /^[A-Z2-7]{32}$/, '20 bytes are 32 base32 characters');
  assert.ok(created.otpauthUri.startsWith('otpauth://totp/'));
  assert.ok(created.otpauthUri.includes(`secret=${seed}`));
  assert.deepEqual([...created.qrCodePng.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
  const stored = await core.polyiam.store.mfa.devices.findById(core.account.account.id, deviceId);
  assert.ok(stored && !stored.sealedSeed.includes(seed), 'the seed is not stored in the clear');
  const again = await mfa().get(core.root, { id: deviceId });
  assert.equal(JSON.stringify(again).includes(seed), false, 'no read returns the seed again');
});

test('enable needs two consecutive codes; wrong order, a wrong code or an unknown device change nothing', async () => {
  const now = core.clock.now();
  const [first, second] = consecutiveCodes(seed, now);
  await assert.rejects(mfa().enable(core.root, { name: 'alice' }, { id: deviceId }, second, first), InvalidAuthenticationCodeError);
  await assert.rejects(mfa().enable(core.root, { name: 'alice' }, { id: deviceId }, '000000', second), InvalidAuthenticationCodeError);
  await assert.rejects(mfa().enable(core.root, { name: 'alice' }, { name: 'nope' }, first, second), { kind: 'not-found' });
  assert.deepEqual(await mfa().listForUser(core.root, { name: 'alice' }), []);
  await mfa().enable(core.root, { name: 'alice' }, { id: deviceId }, first, second);
  const listed = await mfa().listForUser(core.root, { name: 'alice' });
  assert.equal(listed.length, 1);
  assert.equal(listed[0]?.userName, 'alice');
  // the same device for another user, and a second device for alice
  await assert.rejects(mfa().enable(core.root, { name: 'bob' }, { id: deviceId }, first, second), { kind: 'already-exists' });
  const other = await mfa().create(core.root, { name: 'spare', label: 'spare@acme' });
  const [a, b] = consecutiveCodes(other.base32Seed, now);
  await assert.rejects(mfa().enable(core.root, { name: 'alice' }, { id: other.device.id }, a, b), { kind: 'limit-exceeded' });
});

test('a code is accepted once: the binding code and any older one are refused afterwards', async () => {
  const alice = (await core.polyiam.store.users.findByName(core.account.account.id, 'alice'))!;
  const devices = core.polyiam.services.mfaDevices;
  assert.equal(await devices.verifyUserCode(alice.id, codeAt(seed, core.clock.now())), false, 'the second binding code is spent');
  core.clock.advance(30_000);
  const code = codeAt(seed, core.clock.now());
  const results = await Promise.all([devices.verifyUserCode(alice.id, code), devices.verifyUserCode(alice.id, code), devices.verifyUserCode(alice.id, code)]);
  assert.deepEqual(results.filter(Boolean).length, 1, 'one success among racing uses of one code');
  assert.equal(await devices.verifyUserCode(alice.id, codeAt(seed, core.clock.now() - 30_000)), false, 'an older step stays refused');
  assert.equal(await devices.verifyUserCode(alice.id, '12345'), false, 'malformed');
});

test('resync accepts two consecutive codes of a drifted device; deactivate and delete', async () => {
  core.clock.advance(30_000);
  const drifted = core.clock.now() + 4 * 30_000;
  const [first, second] = consecutiveCodes(seed, drifted);
  await mfa().resync(core.root, { name: 'alice' }, { id: deviceId }, first, second);
  await assert.rejects(mfa().resync(core.root, { name: 'alice' }, { id: deviceId }, first, second), InvalidAuthenticationCodeError, 'a resync code is spent too');
  await assert.rejects(mfa().delete(core.root, { id: deviceId }), { kind: 'delete-conflict' });
  await mfa().deactivate(core.root, { name: 'alice' }, { id: deviceId });
  assert.deepEqual(await mfa().listForUser(core.root, { name: 'alice' }), []);
  await mfa().delete(core.root, { id: deviceId });
  await assert.rejects(mfa().get(core.root, { id: deviceId }), { kind: 'not-found' });
});

test('ListVirtualMFADevices by assignment status', async () => {
  const any = await mfa().listVirtual(core.root, 'any');
  assert.deepEqual(any.map((d) => d.name), ['spare']);
  assert.deepEqual(await mfa().listVirtual(core.root, 'assigned'), []);
  assert.equal((await mfa().listVirtual(core.root, 'unassigned')).length, 1);
});
