/** A one-statement trust policy allowing sts:AssumeRole to `principal` (AWS AssumeRolePolicyDocument). */
export const trust = (principal: unknown, condition?: unknown): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }] });
