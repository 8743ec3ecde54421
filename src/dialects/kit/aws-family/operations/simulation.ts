import type { IamAction } from '../../../../core/authorization/actions.js';
import type { ExplainedStatement } from '../../../../core/authorization/explanation.js';
import { InvalidInputError } from '../../../../core/errors.js';
import { coreActionsNamed } from '../../../../core/evaluation/action-names.js';
import type { Decision } from '../../../../core/evaluation/evaluate.js';
import { RESOURCE_POLICY_ID, type SimulationTarget } from '../../../../core/policies/simulation.js';
import type { QueryOperation } from '../../query-dialect.js';
import type { QueryParams } from '../../query-params.js';
import { MemberConstraintError } from '../errors.js';
import { type AwsFamilyFlavor } from '../flavor.js';
import { pageOf } from '../paging.js';
import { checkMember, readPaging, requiredMember } from '../params.js';
import { ARN } from '../policy-arns.js';
import { POLICY_DOCUMENT } from '../policy-shapes.js';

/** EvalDecision: `allowed`, `explicitDeny`, `implicitDeny` (IAM API reference, EvaluationResult) */
const DECISIONS: Record<Decision, string> = { allow: 'allowed', 'explicit-deny': 'explicitDeny', 'implicit-deny': 'implicitDeny' };

interface Row {
  action: string;
  resource: string;
  decision: Decision;
  matched: ExplainedStatement[];
  allowedByBoundary?: boolean;
}

/**
 * SimulatePrincipalPolicy and SimulateCustomPolicy (IAM API reference): ActionNames, ResourceArns,
 * ContextEntries, PolicySourceArn / PolicyInputList, CallerArn; EvaluationResults paged with Marker.
 */
export function simulationOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  return [
    {
      action: 'SimulatePrincipalPolicy',
      async run({ ctx, params, services }) {
        const source = sourceOfArn(requiredMember(params, 'PolicySourceArn', ARN));
        const input = readInput(flavor, params);
        // PolicyInputList: "an optional list of additional policy documents to include in the simulation"
        const documents = readDocuments(params, 'PolicyInputList');
        const rows = await simulate(input, (actions, resources) =>
          services.simulator.simulatePrincipalPolicy(ctx, {
            ...(source.type === 'role' ? { role: { name: source.name } } : { user: { name: source.name, excludeRoot: true } }),
            actions,
            ...(resources ? { resources } : {}),
            context: input.context,
            ...input.boundary,
            ...input.resourcePolicy,
            ...(documents.length > 0 ? { documents, syntax: flavor.syntax } : {}),
          }),
        );
        return page(rows, params, source.type);
      },
    },
    {
      action: 'SimulateCustomPolicy',
      async run({ ctx, params, services }) {
        const documents = readDocuments(params, 'PolicyInputList');
        if (documents.length === 0) throw new MemberConstraintError('PolicyInputList', 'Member must not be null', 'missing');
        const input = readInput(flavor, params);
        const rows = await simulate(input, (actions, resources) =>
          services.simulator.simulateCustomPolicy(ctx, {
            documents,
            syntax: flavor.syntax,
            actions,
            ...(resources ? { resources } : {}),
            context: input.context,
            ...input.boundary,
            ...input.resourcePolicy,
          }),
        );
        return page(rows, params, 'user');
      },
    },
  ];
}

interface Input {
  actions: string[];
  /** ResourcePolicy and CallerArn (the user a resource policy's `Principal` is matched against) */
  resourcePolicy: { resourcePolicy?: string; resourcePolicySyntax?: 'aws' | 'kingsoft'; caller?: { name: string; excludeRoot: true } };
  resources: string[];
  context: { syntax: 'aws' | 'kingsoft'; entries: Array<{ key: string; values: string[] }> };
  /** PermissionsBoundaryPolicyInputList: a boundary to simulate with (for a principal, instead of its own) */
  boundary: { boundaryDocuments?: string[]; boundarySyntax?: 'aws' | 'kingsoft' };
}

function readInput(flavor: AwsFamilyFlavor, params: QueryParams): Input {
  const actions = params.indexedList('ActionNames.member').map((e, i) => {
    const name = e.get('');
    if (name === undefined || name === '') throw new MemberConstraintError(`ActionNames.member.${i + 1}`, 'Member must have length greater than or equal to 3', 'missing');
    return name;
  });
  if (actions.length === 0) throw new MemberConstraintError('ActionNames', 'Member must not be null', 'missing');
  const resources = params.indexedList('ResourceArns.member').map((e) => e.get('') ?? '');
  const entries = params.indexedList('ContextEntries.member').map((e) => ({
    key: e.get('ContextKeyName') ?? '',
    values: [...e.entries()].filter(([k]) => k.startsWith('ContextKeyValues.member.')).sort(([a], [b]) => indexOf(a) - indexOf(b)).map(([, v]) => v),
  }));
  const boundaryDocuments = params.indexedList('PermissionsBoundaryPolicyInputList.member').map((entry, i) => {
    const text = entry.get('') ?? '';
    checkMember(`PermissionsBoundaryPolicyInputList.member.${i + 1}`, text, POLICY_DOCUMENT);
    return text;
  });
  // AWS: "You can specify only one permissions boundary"
  if (boundaryDocuments.length > 1) throw new MemberConstraintError('PermissionsBoundaryPolicyInputList', 'Member must have length less than or equal to 1');
  const boundary = boundaryDocuments.length > 0 ? { boundaryDocuments, boundarySyntax: flavor.syntax } : {};
  const text = params.get('ResourcePolicy');
  if (text !== undefined) checkMember('ResourcePolicy', text, POLICY_DOCUMENT);
  const callerArn = params.get('CallerArn');
  // CallerArn: "You can specify only the ARN of an IAM user"
  const caller = callerArn === undefined ? undefined : { name: nameOfArn(callerArn, 'CallerArn', 'user'), excludeRoot: true as const };
  checkResourceOwner(params.get('ResourceOwner'));
  const resourcePolicy = { ...(text !== undefined ? { resourcePolicy: text, resourcePolicySyntax: flavor.syntax } : {}), ...(caller ? { caller } : {}) };
  return { actions, resources, context: { syntax: flavor.syntax, entries }, boundary, resourcePolicy };
}

function readDocuments(params: QueryParams, list: 'PolicyInputList'): string[] {
  return params.indexedList(`${list}.member`).map((entry, i) => {
    const text = entry.get('') ?? '';
    checkMember(`${list}.member.${i + 1}`, text, POLICY_DOCUMENT);
    return text;
  });
}

/**
 * ResourceOwner: "the ARN of the owner of the resource": polyiam simulates within the caller's own
 * account only, which is what AWS assumes without it (an account root ARN or a user ARN of the account).
 */
function checkResourceOwner(owner: string | undefined): void {
  if (owner === undefined) return;
  if (!/^(?:arn:aws|krn:ksc):iam::\d+:(?:root|user\/.+)$/.test(owner)) throw new InvalidInputError('resourceOwner', `\`${owner}\` is not an account or user ARN`);
}

const indexOf = (key: string) => Number(key.slice(key.lastIndexOf('.') + 1));

/** One core call per resource, so each result keeps the ARN it was asked for. */
async function simulate(
  input: Input,
  run: (actions: IamAction[], resources: SimulationTarget[] | undefined) => Promise<Array<{ action: IamAction; decision: Decision; matchedStatements: ExplainedStatement[]; allowedByBoundary?: boolean }>>,
): Promise<Row[]> {
  const known = input.actions.map((name) => ({ name, core: coreActionsNamed(input.context.syntax, name)[0] }));
  const coreActions = known.flatMap((k) => (k.core ? [k.core] : []));
  const rows: Row[] = [];
  for (const resource of input.resources.length > 0 ? input.resources : ['*']) {
    const target = resource === '*' ? undefined : [targetOfArn(resource)];
    const results = coreActions.length > 0 ? await run(coreActions, target) : [];
    let next = 0;
    for (const k of known) {
      // an action polyiam does not know is allowed by nothing (AWS: implicitDeny)
      const result = k.core ? results[next++] : undefined;
      const allowedByBoundary = result?.allowedByBoundary;
      rows.push({ action: k.name, resource, decision: result?.decision ?? 'implicit-deny', matched: result?.matchedStatements ?? [], ...(allowedByBoundary !== undefined ? { allowedByBoundary } : {}) });
    }
  }
  return rows;
}

function page(rows: Row[], params: QueryParams, inlineType: 'user' | 'role') {
  const numbered = rows.map((row, i) => ({ row, key: String(i).padStart(8, '0') }));
  const result = pageOf(numbered, (e) => e.key, readPaging(params));
  return {
    EvaluationResults: result.items.map(({ row }) => ({
      EvalActionName: row.action,
      EvalResourceName: row.resource,
      EvalDecision: DECISIONS[row.decision],
      MatchedStatements: row.matched.map((s) => renderStatement(s, inlineType)),
      MissingContextValues: [],
      // EvaluationResult PermissionsBoundaryDecisionDetail: present when a boundary was weighed
      PermissionsBoundaryDecisionDetail: row.allowedByBoundary === undefined ? undefined : { AllowedByPermissionsBoundary: row.allowedByBoundary },
    })),
    IsTruncated: result.isTruncated,
    Marker: result.marker,
  };
}

/** AWS `Statement`: SourcePolicyId, SourcePolicyType (user, group, role, aws-managed, user-managed, resource, none) */
function renderStatement(s: ExplainedStatement, inlineType: 'user' | 'role') {
  if (s.policyId.startsWith('boundary:')) return { SourcePolicyId: `PermissionsBoundaryPolicyInputList.${s.policyId.slice('boundary:'.length)}`, SourcePolicyType: 'IAM Policy' };
  if (s.policyId.startsWith('input:')) return { SourcePolicyId: `PolicyInputList.${s.policyId.slice('input:'.length)}`, SourcePolicyType: 'IAM Policy' };
  if (s.policyId === RESOURCE_POLICY_ID) return { SourcePolicyId: 'ResourcePolicy', SourcePolicyType: 'resource' };
  const type = s.policyId.startsWith('sys-') ? 'aws-managed' : s.policyId.startsWith('inline:') ? inlineType : s.policyId.startsWith('group-inline:') ? 'group' : 'user-managed';
  return { SourcePolicyId: s.policyName, SourcePolicyType: type };
}

const RESOURCE_ARN = /^(?:arn:aws|krn:ksc):iam::[^:]*:(user|group|policy|role|mfa)(?:\/(?:.*\/)?)?([^/]+)$/;

function targetOfArn(arn: string): SimulationTarget {
  const match = RESOURCE_ARN.exec(arn);
  if (!match) throw new InvalidInputError('resourceArns', `\`${arn}\` is not an IAM user, group, role, policy or mfa ARN`);
  return { type: match[1] as SimulationTarget['type'], name: match[2]! };
}

/** PolicySourceArn: "the Amazon Resource Name (ARN) of a user, group, or role" (groups are not simulated yet) */
function sourceOfArn(arn: string): { type: 'user' | 'role'; name: string } {
  const match = RESOURCE_ARN.exec(arn);
  if (!match || (match[1] !== 'user' && match[1] !== 'role')) throw new InvalidInputError('PolicySourceArn', `\`${arn}\` is not a user or role ARN`);
  return { type: match[1], name: match[2]! };
}

function nameOfArn(arn: string, field: string, type: 'user'): string {
  const match = RESOURCE_ARN.exec(arn);
  if (!match || match[1] !== type) throw new InvalidInputError(field, `\`${arn}\` is not a ${type} ARN`);
  return match[2]!;
}
