import type { QueryOperation } from '../../kit/query-dialect.js';
import type { QueryParams } from '../../kit/query-params.js';
import { MemberConstraintError } from '../../kit/aws-family/errors.js';
import { checkMember, requiredMember } from '../../kit/aws-family/params.js';
import { ARN } from '../../kit/aws-family/policy-arns.js';
import { POLICY_DOCUMENT } from '../../kit/aws-family/policy-shapes.js';
import { InvalidInputError } from '../../../core/errors.js';

function documents(params: QueryParams): string[] {
  return params.indexedList('PolicyInputList.member').map((entry, i) => {
    const text = entry.get('') ?? '';
    checkMember(`PolicyInputList.member.${i + 1}`, text, POLICY_DOCUMENT);
    return text;
  });
}

/** GetContextKeysForCustomPolicy (PolicyInputList) and GetContextKeysForPrincipalPolicy (PolicySourceArn of a user, PolicyInputList): ContextKeyNames */
export function contextKeyOperations(): QueryOperation[] {
  return [
    {
      action: 'GetContextKeysForCustomPolicy',
      async run({ ctx, params, services }) {
        const docs = documents(params);
        if (docs.length === 0) throw new MemberConstraintError('PolicyInputList', 'Member must not be null', 'missing');
        return { ContextKeyNames: await services.contextKeyNames.forCustomPolicy(ctx, docs, 'aws') };
      },
    },
    {
      action: 'GetContextKeysForPrincipalPolicy',
      async run({ ctx, params, services }) {
        const source = requiredMember(params, 'PolicySourceArn', ARN);
        // roles and groups wait for roles; a user ARN names the user by its last segment
        const match = /^arn:aws:iam::[^:]*:user(?:\/(?:.*\/)?)?([^/]+)$/.exec(source);
        if (!match) throw new InvalidInputError('policySourceArn', `\`${source}\` is not a user ARN`);
        return { ContextKeyNames: await services.contextKeyNames.forPrincipalPolicy(ctx, { name: match[1]!, excludeRoot: true }, documents(params), 'aws') };
      },
    },
  ];
}
