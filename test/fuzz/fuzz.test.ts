/**
 * @see #9: polyiam's own fuzzer. Per dialect, POLYIAM_FUZZ_N (default 500) hostile requests generated
 * from the dialect's operation table, signed with the account root's real key or unsigned, and for
 * each: no 5xx, the dialect's envelope with its request id, no stack trace or internal path, and no
 * change to users, login profiles, keys, policies or tags when the request was refused. The server
 * must still be healthy afterwards. A failure prints its seed; POLYIAM_FUZZ_SEED replays it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../support/server.js';
import { FUZZED_DIALECTS, queryCase, Random, restCase, type FuzzCase } from './cases.js';
import { assertEnvelope, describeCase, stateFingerprint } from './checks.js';
import { huaweiRequest, queryApiRequest, sendWire, type Keys, type WireRequest } from './wire.js';

const N = Number(process.env.POLYIAM_FUZZ_N ?? 500);
const BASE_SEED = process.env.POLYIAM_FUZZ_SEED !== undefined ? Number(process.env.POLYIAM_FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

async function toWire(server: TestServer, keys: Keys, c: FuzzCase): Promise<WireRequest> {
  const wire = await signedWire(server, keys, c);
  const name = Object.keys(wire.headers).find((h) => h.toLowerCase() === 'authorization');
  if (c.authTwist && name !== undefined) wire.headers[name] = c.authTwist(wire.headers[name]!);
  return wire;
}

async function signedWire(server: TestServer, keys: Keys, c: FuzzCase): Promise<WireRequest> {
  if (c.kind === 'rest') {
    return huaweiRequest(server.url, { method: c.method, path: c.path, body: c.body, contentType: c.contentType, ...(c.signed ? { keys } : {}) });
  }
  const wire = await queryApiRequest(server.url, {
    query: c.query,
    method: c.method,
    signing: c.signing,
    region: c.region,
    ...(c.body ? { body: c.body } : {}),
    ...(c.contentType ? { contentType: c.contentType } : {}),
    ...(c.signed ? { keys } : {}),
  });
  // headers the signature does not cover (Kingsoft's response format) go on after signing
  if (c.accept) wire.headers.accept = c.accept;
  if (wire.body) wire.headers['content-length'] = String(wire.body.length);
  return wire;
}

/**
 * A fresh server every CHUNK cases: the account's tables stay small, so comparing them around each
 * refused request stays cheap however long the run (the generator's sequence runs on across chunks).
 */
const CHUNK = 2000;

describe(`fuzz: ${N} hostile requests per dialect (seed ${BASE_SEED}; replay with POLYIAM_FUZZ_SEED=${BASE_SEED})`, () => {
  FUZZED_DIALECTS.forEach((dialect, index) => {
    it(`${dialect}`, async () => {
      const seed = BASE_SEED + index;
      const random = new Random(seed);
      for (let first = 0; first < N; first += CHUNK) {
        const server = await startTestServer({ accessLog: false });
        try {
          await runCases(server, random, dialect, first, Math.min(N, first + CHUNK), (i, c) => `seed ${seed} (POLYIAM_FUZZ_SEED=${BASE_SEED}), ${dialect} case ${i}: ${describeCase(c)}`);
          const health = await fetch(`${server.url}/healthz`);
          assert.equal(health.status, 200, `seed ${seed}: the server is unhealthy after ${first + CHUNK} ${dialect} cases`);
        } finally {
          await server.close();
        }
        if (N > CHUNK) process.stdout.write(`# fuzz ${dialect}: ${Math.min(N, first + CHUNK)} of ${N} cases, no finding\n`);
      }
    });
  });
});

async function runCases(server: TestServer, random: Random, dialect: string, from: number, to: number, label: (i: number, c: FuzzCase) => string): Promise<void> {
  const keys: Keys = { ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key };
  let state = await stateFingerprint(server);
  for (let i = from; i < to; i++) {
    const c = dialect === 'huawei-v3' || dialect === 'huawei-v5' ? restCase(random, dialect) : queryCase(random, dialect);
    const where = () => label(i, c);
    let wire: WireRequest;
    try {
      wire = await toWire(server, keys, c);
    } catch {
      // a request the client-side signer itself refuses to build (a value no SDK can send) is not a server case
      continue;
    }
    const res = await sendWire(server.url, wire).catch((err: Error) => assert.fail(`${where()}: no answer (${err.message})`));
    assertEnvelope(c, res, where);
    if (res.status >= 400) {
      const now = await stateFingerprint(server);
      if (now !== state) assert.fail(`${where()}: refused with ${res.status} but changed state\n${res.text.slice(0, 300)}`);
    } else {
      state = await stateFingerprint(server);
    }
  }
}
