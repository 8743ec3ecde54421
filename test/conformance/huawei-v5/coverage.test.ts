import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { v5Operations } from '../../../src/dialects/huawei-v5/plugin.js';
import { COVERAGE_FILE, renderCoverage, sdkV5Methods, v5Route } from '../../../scripts/coverage.js';

interface SdkOptions {
  method: string;
  url: string;
}

const require = createRequire(import.meta.url);
const { ParamCreater } = require('@huaweicloud/huaweicloud-sdk-iam/v5/IamClient') as {
  ParamCreater: () => Record<string, (request: object) => SdkOptions>;
};

/** every path parameter any v5 request builder asks for, in its snake_case wire name */
const ANY_REQUEST = { user_id: 'u', access_key_id: 'k', resource_id: 'r', resource_type: 'user', policy_id: 'p', version_id: 'v1', group_id: 'g', agency_id: 'a', serial_number: 's', deletion_task_id: 't', body: { x: 1 } };

describe('huawei-v5 operation table against the SDK', () => {
  it("every row's method and route are what the SDK's request builder sends", () => {
    for (const op of v5Operations) {
      const builder = ParamCreater()[op.name];
      assert.ok(builder, `the SDK has ${op.name}`);
      const options = builder(ANY_REQUEST);
      assert.equal(`${options.method} ${options.url}`, `${op.method} ${v5Route(op)}`, op.name);
    }
  });

  it('every row names an SDK method once', () => {
    const names = v5Operations.map((op) => op.name);
    assert.equal(new Set(names).size, names.length);
    for (const name of names) assert.ok(sdkV5Methods().includes(name), name);
  });

  it('COVERAGE.md is generated from the table and up to date (node --import tsx scripts/coverage.ts)', () => {
    assert.equal(readFileSync(COVERAGE_FILE, 'utf8'), renderCoverage());
  });
});
