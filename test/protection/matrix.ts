/**
 * The runner of the dialect protection matrix (personas.ts says what it checks): a coverage test, one
 * test per operation over every persona, and the vendor-action-name check of the query dialects.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IamAction } from '../../src/core/authorization/actions.js';
import { actionNameIn } from '../../src/core/evaluation/action-names.js';
import { classify, EXPECTED, PERSONAS, startMatrixEnv, type DialectMatrix, type Expectation, type Fixture, type MatrixEnv, type OpClass, type Wire } from './personas.js';

/** Why `wire` breaks `want`, or undefined when it meets it. */
export function judge(want: Expectation, wire: Wire, sent: string, fx: Fixture): string | undefined {
  const { status } = wire;
  if (status >= 500) return 'a server failure';
  switch (want) {
    case 'allow':
      return status < 300 || (status >= 400 && ![401, 403, 404].includes(status)) ? undefined : 'not allowed';
    case 'deny':
      return status === 403 ? undefined : 'not a 403';
    case 'refused':
      return status === 401 || status === 403 ? undefined : 'not refused as unauthenticated';
    case 'isolated': {
      const aimed = fx.marks.some((m) => sent.includes(m));
      if (aimed && ![401, 403, 404].includes(status)) return 'reached the fixture account';
      const leaked = fx.marks.filter((m) => !sent.includes(m) && wire.text.includes(m));
      return leaked.length > 0 ? `the answer holds the fixture account's ${leaked.join(', ')}` : undefined;
    }
  }
}

const snippet = (text: string) => text.replace(/\s+/g, ' ').slice(0, 220);

/** The suite of one dialect: a coverage test, then one test per operation over every persona. */
export function describeMatrix<R>(matrix: DialectMatrix<R>): void {
  describe(`protection matrix: ${matrix.dialect}`, () => {
    let env: MatrixEnv;
    let counter = 0;
    const misnamed: string[] = [];
    before(async () => {
      env = await startMatrixEnv();
    });
    after(() => env.close());

    it('has a row for every operation of the table', (t) => {
      const missing = matrix.operations.filter((op) => !(op in matrix.rows));
      // rows ahead of the table (an operation still being added) are only noted
      const ahead = Object.keys(matrix.rows).filter((op) => !matrix.operations.includes(op));
      if (ahead.length > 0) t.diagnostic(`rows for operations not in the table: ${ahead.join(', ')}`);
      assert.deepEqual(missing, [], 'operations without a row in the matrix');
    });

    for (const op of matrix.operations) {
      const row = matrix.rows[op];
      if (!row) continue;
      it(op, async (t) => {
        let opClass: OpClass | undefined;
        const mismatches: string[] = [];
        const notes: string[] = [];
        for (const name of PERSONAS) {
          const persona = env.personas[name];
          const fx = await env.fixture();
          const planned = await row(persona, fx, ++counter, env);
          env.watch.start();
          const wire = await matrix.send(env, persona, planned.req, op);
          const actions = env.watch.stop();
          if (name === 'root') {
            opClass = matrix.publicOperations?.includes(op) ? 'public' : classify(actions);
            const vendor = matrix.vendorActions;
            if (vendor && actions.length > 0) {
              const wanted = vendor.name(op).toLowerCase();
              const named = [...new Set(actions.map((a) => actionNameIn(vendor.syntax, a as IamAction)))];
              if (!named.every((a) => a.toLowerCase() === wanted) && !vendor.known?.[op]) misnamed.push(`${op} authorizes ${named.join(', ')}, not only ${vendor.name(op)}`);
            }
          }
          if (wire.status < 300) planned.done?.();
          const want = matrix.expectations?.[op]?.[name] ?? EXPECTED[opClass!][name];
          const problem = judge(want, wire, JSON.stringify(planned.req), fx);
          if (problem) mismatches.push(`${name}: expected ${want} (${opClass}), got ${wire.status}: ${problem}; ${snippet(wire.text)}`);
          else if (want === 'allow' && wire.status >= 300) notes.push(`${name} ${wire.status} ${snippet(wire.text).slice(0, 120)}`);
          if (name === 'root') notes.unshift(`${opClass} [${[...new Set(actions)].join(', ')}]`);
        }
        t.diagnostic(`${op}: ${notes.join('; ')}`);
        assert.deepEqual(mismatches, []);
      });
    }

    if (matrix.vendorActions) {
      it('each operation is authorized under its own vendor action name', () => {
        assert.deepEqual(misnamed, [], 'a policy granting the vendor action would not grant the operation');
      });
    }
  });
}
