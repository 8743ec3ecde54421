import { requiredUser, volcOperation, type VolcOperation } from '../operation.js';
import { safeAuthType } from '../rules.js';

/**
 * SetSecurityConfig / GetSecurityConfig (Volcengine docs 6257/1339620, 6257/1343923): a user's
 * operation protection (a second factor before sensitive actions), kept apart from login protection.
 */
export const securityConfigOperations: VolcOperation[] = [
  volcOperation({
    action: 'SetSecurityConfig',
    source: '6257/1339620',
    core: 'operationProtection.set',
    errors: ['InvalidUserName', 'UserNotExist', 'InvalidParameter'],
    parameters: ['UserName', 'SafeAuthType', 'SafeAuthExemptDuration'],
    async run(call) {
      const { params, ctx, services } = call;
      const methods = safeAuthType(params);
      // SafeAuthExemptDuration: 5-30 minutes, 10 by default (the core checks the range)
      const exemptMinutes = params.optionalInteger('SafeAuthExemptDuration', 0, 1_000_000);
      await services.operationProtection.set(ctx, requiredUser(call), {
        enabled: true,
        ...(methods !== undefined ? { methods } : {}),
        ...(exemptMinutes !== undefined ? { exemptMinutes } : {}),
      });
      return undefined;
    },
  }),
  volcOperation({
    action: 'GetSecurityConfig',
    source: '6257/1343923',
    core: 'operationProtection.get',
    errors: ['InvalidUserName', 'UserNotExist', 'SecurityConfigNotExist'],
    parameters: ['UserName'],
    async run(call) {
      const { user, protection } = await call.services.operationProtection.get(call.ctx, requiredUser(call));
      // Result{UserID:int, SafeAuthType, SafeAuthExemptDuration:int, SafeAuthClose:int (0 on, 1 off)}
      return { UserID: user.numericId, SafeAuthType: protection.methods.join(','), SafeAuthExemptDuration: protection.exemptMinutes, SafeAuthClose: protection.enabled ? 0 : 1 };
    },
  }),
];
