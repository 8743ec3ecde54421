// The policy evaluation corpus (STYLE.md "Evaluation corpus"): every file in
// test/fixtures/policy-corpus/ holds a library of policy documents and request -> decision cases.
// Each document goes through the write-time parser first, so the corpus also proves that every
// policy it uses is accepted as valid in its syntax.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Actions } from '../src/core/authorization/actions.js';
import { compilePolicySet, formatStatementRef, type AttachedPolicy } from '../src/core/evaluation/compile.js';
import { evaluate, type Decision } from '../src/core/evaluation/evaluate.js';
import type { AccountIdentity, EvaluationRequest, ResourceIdentity } from '../src/core/evaluation/request.js';
import type { PolicySyntax } from '../src/core/policies/document.js';
import { parsePolicyDocument } from '../src/core/policies/parse.js';

interface CorpusPolicy {
  syntax: PolicySyntax;
  document: unknown;
}

interface CorpusRequest {
  action: keyof typeof Actions;
  /** `user:bob` (default), `user:bob@/path/`, `user` (collection), `account`, `group:admins`, `policy:p` */
  resource?: string;
  principal?: { name?: string; root?: boolean; path?: string; tags?: Record<string, string> };
  context?: {
    sourceIp?: string | null;
    secureTransport?: boolean;
    mfaPresent?: boolean | null;
    currentTime?: string;
    requestTags?: Record<string, string>;
    resourceTags?: Record<string, string>;
  };
}

interface CorpusCase {
  name: string;
  attach: string[];
  request: CorpusRequest;
  expect: { decision: Decision; deciding?: string[] };
}

interface CorpusFile {
  description: string;
  sources: string[];
  policies: Record<string, CorpusPolicy>;
  cases: CorpusCase[];
}

/** The fixed tenant of every case: ids in each dialect's rendering. */
const ACCOUNT: AccountIdentity = { id: 'abcdef0123456789abcdef0123456789', awsAccountId: '123456789012', numericId: 2000000001 };

const tags = (record: Record<string, string> | undefined) =>
  record === undefined ? undefined : Object.entries(record).map(([key, value]) => ({ key, value }));

function resourceOf(spec = 'user:bob'): ResourceIdentity {
  if (spec === 'account') return { type: 'account', account: ACCOUNT };
  const [type, rest] = spec.split(':', 2) as [ResourceIdentity['type'], string | undefined];
  if (rest === undefined) return { type, account: ACCOUNT };
  const [name, path] = rest.split('@');
  return { type, account: ACCOUNT, name, ...(path ? { path } : {}) };
}

function requestOf(spec: CorpusRequest): EvaluationRequest {
  const principal = spec.principal ?? {};
  const context = spec.context ?? {};
  return {
    action: Actions[spec.action],
    resource: resourceOf(spec.resource),
    principal: {
      account: ACCOUNT,
      userId: '11111111111111111111111111111111',
      awsUserId: 'AIDAALICEEXAMPLE0001',
      numericUserId: 1001,
      userName: principal.name ?? 'alice',
      isRoot: principal.root ?? false,
      ...(principal.path ? { path: principal.path } : {}),
      tags: tags(principal.tags) ?? [],
    },
    environment: {
      currentTime: Date.parse(context.currentTime ?? '2024-06-01T12:00:00Z'),
      sourceIp: context.sourceIp === undefined ? '203.0.113.10' : context.sourceIp,
      secureTransport: context.secureTransport ?? true,
      mfaPresent: context.mfaPresent === undefined ? null : context.mfaPresent,
    },
    ...(context.requestTags ? { requestTags: tags(context.requestTags) } : {}),
    ...(context.resourceTags ? { resourceTags: tags(context.resourceTags) } : {}),
  };
}

const dir = join(import.meta.dirname, 'fixtures', 'policy-corpus');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
let total = 0;

for (const file of files) {
  const corpus = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CorpusFile;
  const compiled = new Map<string, AttachedPolicy>();
  for (const [id, policy] of Object.entries(corpus.policies)) {
    const text = typeof policy.document === 'string' ? policy.document : JSON.stringify(policy.document);
    const parsed = parsePolicyDocument(text, policy.syntax);
    test(`${file} › policy ${id} is valid ${policy.syntax}`, () => {
      assert.ok(parsed.ok, JSON.stringify(parsed.ok ? null : parsed.problems));
    });
    if (parsed.ok) compiled.set(id, { id, document: parsed.value });
  }
  for (const c of corpus.cases) {
    total++;
    test(`${file} › ${c.name}`, () => {
      const attached = c.attach.map((id) => {
        const policy = compiled.get(id);
        assert.ok(policy, `case attaches unknown or invalid policy \`${id}\``);
        return policy;
      });
      const result = evaluate(compilePolicySet(attached), requestOf(c.request));
      const explain = JSON.stringify(result.trace);
      assert.equal(result.decision, c.expect.decision, explain);
      if (c.expect.deciding) {
        assert.deepEqual(result.deciding.map(formatStatementRef).sort(), [...c.expect.deciding].sort(), explain);
      }
    });
  }
}

test('the corpus holds at least 150 cases', () => {
  assert.ok(total >= 150, `only ${total} cases`);
});
