import type { Config } from '../config/config.js';
import { CredentialsService } from '../core/credentials/sign-in.js';
import { SecondFactor } from '../core/credentials/second-factor.js';
import type { CoreDeps } from '../core/deps.js';
import type { CodeSenders } from '../core/login-protection/code-sender.js';
import { LoginPolicyService } from '../core/login-protection/login-policy-service.js';
import { LoginProtectionService } from '../core/login-protection/login-protection-service.js';
import { OperationProtectionService } from '../core/login-protection/operation-protection-service.js';
import type { ProtectPolicyStore } from '../core/login-protection/protect-policy.js';
import { ProtectPolicyService } from '../core/login-protection/protect-policy-service.js';
import type { SelfManagement } from '../core/login-protection/self-management.js';
import { MfaDevicesService } from '../core/mfa/mfa-devices-service.js';
import type { MfaStore } from '../core/mfa/ports.js';
import { SmsWebhookSender } from '../delivery/sms-webhook-sender.js';
import { SmtpCodeSender } from '../delivery/smtp-sender.js';
import { TestOutbox } from '../delivery/test-outbox.js';

export interface LoginProtectionParts {
  credentials: CredentialsService;
  mfaDevices: MfaDevicesService;
  loginPolicy: LoginPolicyService;
  loginProtection: LoginProtectionService;
  operationProtection: OperationProtectionService;
  /** the account-wide operation protection policy (Huawei protect_policy, issue #12) */
  protectPolicy: ProtectPolicyService;
  /** test mode only */
  testOutbox?: TestOutbox;
  close(): void;
}

/** `localhost`, 127.0.0.0/8 and ::1: the only addresses test mode may listen on */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Issue #11 wiring: MFA devices, the login policy, login protection, and the code senders the
 * configuration names (SMTP, SMS webhook), with the test outbox in test mode.
 */
export function composeLoginProtection(config: Config, deps: CoreDeps, mfa: MfaStore, protectPolicies: ProtectPolicyStore, selfManagement?: SelfManagement): LoginProtectionParts {
  if (config.testMode && !isLoopbackHost(config.host)) {
    throw new Error(`POLYIAM_TEST_MODE is refused unless the server listens on loopback (host \`${config.host}\`): test mode exposes every code sent and a movable clock`);
  }
  if (config.smtpUrl && !config.smtpFrom) throw new Error('POLYIAM_SMTP_FROM is required with POLYIAM_SMTP_URL');
  const smtp = config.smtpUrl && config.smtpFrom ? new SmtpCodeSender(config.smtpUrl, config.smtpFrom) : undefined;
  const sms = config.smsWebhookUrl ? new SmsWebhookSender(config.smsWebhookUrl, config.smsWebhookSecret) : undefined;
  const outbox = config.testMode ? new TestOutbox(() => deps.clock.now()) : undefined;
  const standIn = config.testOutboxStandIn !== false;
  const senders: CodeSenders = {};
  const email = outbox && (smtp || standIn) ? outbox.sender('email', smtp) : smtp;
  const phone = outbox && (sms || standIn) ? outbox.sender('sms', sms) : sms;
  if (email) senders.email = email;
  if (phone) senders.sms = phone;
  const mfaDevices = new MfaDevicesService(deps, mfa);
  const loginPolicy = new LoginPolicyService(deps, mfa);
  const protectPolicy = new ProtectPolicyService(deps, protectPolicies);
  const secondFactor = new SecondFactor(deps, { mfa, devices: mfaDevices, loginPolicy, senders });
  return {
    credentials: new CredentialsService(deps, secondFactor, selfManagement),
    mfaDevices,
    loginPolicy,
    loginProtection: new LoginProtectionService(deps, mfa),
    operationProtection: new OperationProtectionService(deps, mfa, { devices: mfaDevices, senders }, protectPolicy),
    protectPolicy,
    ...(outbox ? { testOutbox: outbox } : {}),
    close: () => smtp?.close(),
  };
}
