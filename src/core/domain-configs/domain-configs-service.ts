import { Actions, type IamAction } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { InvalidInputError, NotFoundError, PreconditionFailedError } from '../errors.js';
import { loadPasswordPolicy } from '../password-policy/password-policy-service.js';
import type { CallContext } from '../principal.js';
import {
  DEFAULT_OPTIONS,
  isConfigurable,
  isConfigurableGroup,
  isSensitive,
  MAX_CONFIG_BYTES,
  MAX_OPTION_VALUE_BYTES,
  SECURITY_COMPLIANCE_OPTIONS,
  type ConfigValue,
  type DomainConfig,
  type DomainConfigRepository,
  type StoredConfigOption,
} from './domain-config.js';
import { passwordRegexOf } from './security-compliance.js';

/** which part of a domain's configuration a call names: all of it, one group, or one option of a group */
export interface ConfigPart {
  group?: string;
  option?: string;
}

/** Keystone's `InvalidDomainConfig` (a 403 there): "invalid domain specific configuration: <reason>" */
const invalid = (reason: string) => new PreconditionFailedError(reason);

/** what `NotFoundError` names when a domain has no such configuration: Keystone's `group_or_option` words */
function missing(accountId: string, part: ConfigPart): NotFoundError {
  const what = part.option !== undefined ? `option \`${part.option}\` in group \`${part.group}\`` : part.group !== undefined ? `group \`${part.group}\`` : 'any options';
  return new NotFoundError('domain-config', `${what} in the configuration of domain \`${accountId}\``);
}

/**
 * Keystone domain configuration (issue #16) of the caller's domain (`ctx.principal.accountId`: the
 * dialect hands an operator's call over already acting in the domain it names). Authorized as Keystone's
 * `identity:{create,get,update,delete}_domain_config`, with Keystone's rules: only the `identity` and
 * `ldap` options of `CONFIGURABLE_OPTIONS` (else `precondition-failed`, Keystone's 403), sensitive ones
 * kept sealed and never shown, `not-found` for what the domain has not set.
 */
export class DomainConfigsService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly configs: DomainConfigRepository,
  ) {}

  /**
   * Keystone `PUT /v3/domains/{id}/config`: the domain's options become `config` (no conflict when it
   * had some: `created` says which). @throws access-denied | precondition-failed | invalid-input
   */
  create(ctx: CallContext, config: Record<string, unknown>): Promise<{ config: DomainConfig; created: boolean }> {
    const accountId = ctx.principal.accountId;
    return this.command(ctx, Actions.createDomainConfig, async () => {
      const options = this.toStored(accountId, checkConfig(config));
      const created = (await this.configs.list(accountId)).length === 0;
      await this.configs.replace(accountId, options);
      return { config: shown(await this.configs.list(accountId)), created };
    });
  }

  /** Keystone GET of the whole configuration, a group or an option. @throws access-denied | precondition-failed | not-found */
  get(ctx: CallContext, part: ConfigPart): Promise<DomainConfig | Record<string, ConfigValue>> {
    const accountId = ctx.principal.accountId;
    return this.command(ctx, Actions.getDomainConfig, async () => {
      checkPart(part);
      const found = shown((await this.configs.list(accountId)).filter((o) => matches(o, part)));
      if (Object.keys(found).length === 0) throw missing(accountId, part);
      return part.option !== undefined ? found[part.group!]! : found;
    });
  }

  /**
   * Keystone PATCH: `config` is merged into the domain's options. Naming a group (or an option), the
   * body must hold that group (that option) alone, and the domain must have it already.
   * @throws access-denied | precondition-failed | not-found | invalid-input
   */
  update(ctx: CallContext, config: Record<string, unknown>, part: ConfigPart): Promise<DomainConfig> {
    const accountId = ctx.principal.accountId;
    return this.command(ctx, Actions.updateDomainConfig, async () => {
      // PATCH /config/{group}/{option} carries `{"config": {"<option>": value}}`: the option under its group
      const whole = part.option !== undefined ? { [part.group!]: config } : config;
      const checked = checkConfig(whole);
      checkPart(part);
      if (part.group !== undefined) {
        const groups = Object.keys(checked);
        if (groups.length !== 1 || (part.option !== undefined && Object.keys(checked[groups[0]!]!).length !== 1)) {
          throw invalid(part.option !== undefined ? `trying to update option \`${part.option}\` in group \`${part.group}\`, so that, and only that, option must be specified in the config` : `trying to update group \`${part.group}\`, so that, and only that, group must be specified in the config`);
        }
        if (groups[0] !== part.group) throw invalid(`request to update group \`${part.group}\`, but the config provided contains group \`${groups[0]}\` instead`);
        if (part.option !== undefined && !Object.hasOwn(checked[part.group]!, part.option)) {
          throw invalid(`trying to update option \`${part.option}\` in group \`${part.group}\`, but the config provided contains option \`${Object.keys(checked[part.group]!)[0]}\` instead`);
        }
        if (!(await this.configs.list(accountId)).some((o) => matches(o, part))) throw missing(accountId, part);
      }
      await this.configs.upsert(accountId, this.toStored(accountId, checked));
      const all = shown(await this.configs.list(accountId));
      if (Object.keys(all).length === 0) throw missing(accountId, {});
      return all;
    });
  }

  /** Keystone DELETE of the whole configuration (none is no error), a group or an option (those must exist). @throws access-denied | precondition-failed | not-found */
  delete(ctx: CallContext, part: ConfigPart): Promise<void> {
    const accountId = ctx.principal.accountId;
    return this.command(ctx, Actions.deleteDomainConfig, async () => {
      checkPart(part);
      const removed = await this.configs.delete(accountId, part.group, part.option);
      if (removed === 0 && part.group !== undefined) throw missing(accountId, part);
    });
  }

  /**
   * Keystone `GET /v3/domains/config/default` (and of a group, an option): Keystone's defaults of the
   * configurable options; a sensitive one has no default to show. @throws access-denied | precondition-failed
   */
  getDefault(ctx: CallContext, part: ConfigPart): Promise<DomainConfig | Record<string, ConfigValue>> {
    return this.command(ctx, Actions.getDomainConfig, async () => {
      checkPart(part);
      if (part.group === undefined) return structuredClone(DEFAULT_OPTIONS) as DomainConfig;
      const group = DEFAULT_OPTIONS[part.group]!;
      if (part.option === undefined) return { [part.group]: structuredClone(group) };
      if (!Object.hasOwn(group, part.option)) throw invalid(`reading the default for option \`${part.option}\` in group \`${part.group}\` is not supported`);
      return { [part.option]: structuredClone(group[part.option]!) };
    });
  }

  /**
   * Keystone `GET /v3/domains/{id}/config/security_compliance[/{option}]`: `password_regex` and
   * `password_regex_description` of the account's password policy. Keystone's policy lets anyone of the
   * domain read them (`identity:get_security_compliance_domain_config` is `""`), so no permission is asked.
   * @throws precondition-failed (another option)
   */
  getSecurityCompliance(ctx: CallContext, option: string | undefined): Promise<Record<string, ConfigValue>> {
    const accountId = ctx.principal.accountId;
    const resource = { type: 'account' as const, accountId, id: 'security_compliance' };
    return runCommand(this.deps, ctx, Actions.getDomainConfig, resource, async () => {
      if (option !== undefined && !(SECURITY_COMPLIANCE_OPTIONS as readonly string[]).includes(option)) {
        throw invalid('reading security compliance values other than password_regex and password_regex_description is not allowed');
      }
      const values = passwordRegexOf(await loadPasswordPolicy(this.deps.store, accountId));
      if (option !== undefined) return { [option]: values[option as keyof typeof values] };
      return { security_compliance: { ...values } };
    }, undefined, { grantedBy: 'caller-itself' });
  }

  private command<T>(ctx: CallContext, action: IamAction, work: () => Promise<T>): Promise<T> {
    return runCommand(this.deps, ctx, action, { type: 'account', accountId: ctx.principal.accountId, id: 'config' }, work);
  }

  private toStored(accountId: string, config: DomainConfig): StoredConfigOption[] {
    const options: StoredConfigOption[] = [];
    for (const [group, values] of Object.entries(config)) {
      for (const [option, value] of Object.entries(values)) {
        const text = JSON.stringify(value);
        const sensitive = isSensitive(group, option);
        // SECURITY: a sensitive option (`ldap.password`) is sealed before it reaches the store
        options.push({ accountId, group, option, sensitive, value: sensitive ? this.deps.secretBox.seal(text) : text });
      }
    }
    return options;
  }
}

/** the configurable options only, as `{group: {option: value}}`; sensitive ones are never shown */
function shown(options: StoredConfigOption[]): DomainConfig {
  const config: DomainConfig = {};
  for (const o of options) {
    if (o.sensitive) continue;
    (config[o.group] ??= {})[o.option] = JSON.parse(o.value) as ConfigValue;
  }
  return config;
}

const matches = (o: StoredConfigOption, part: ConfigPart) => (part.group === undefined || o.group === part.group) && (part.option === undefined || o.option === part.option);

/** Keystone `_assert_valid_group_and_option`. SECURITY: names are the client's words: only own keys count. */
function checkPart(part: ConfigPart): void {
  if (part.group === undefined) return;
  if (!isConfigurableGroup(part.group)) throw invalid(`group \`${part.group}\` is not supported for domain specific configurations`);
  if (part.option !== undefined && !isConfigurable(part.group, part.option)) throw invalid(`option \`${part.option}\` in group \`${part.group}\` is not supported for domain specific configurations`);
}

/** Keystone `_assert_valid_config`, and polyiam's size bounds (Keystone has none). */
function checkConfig(config: Record<string, unknown>): DomainConfig {
  const groups = Object.keys(config);
  if (groups.length === 0) throw invalid('no options specified');
  const checked: DomainConfig = {};
  for (const group of groups) {
    const values = config[group];
    if (typeof values !== 'object' || values === null || Array.isArray(values) || Object.keys(values).length === 0) {
      throw invalid(`the value of group \`${group}\` specified in the config should be a dictionary of options`);
    }
    checkPart({ group });
    checked[group] = {};
    for (const [option, value] of Object.entries(values as Record<string, unknown>)) {
      checkPart({ group, option });
      const text = JSON.stringify(value);
      // SECURITY: no message quotes a value: `ldap.password` is one
      if (text === undefined || Buffer.byteLength(text) > MAX_OPTION_VALUE_BYTES) throw new InvalidInputError(`config.${group}.${option}`, `must be a JSON value of at most ${MAX_OPTION_VALUE_BYTES} bytes`);
      checked[group]![option] = value as ConfigValue;
    }
  }
  if (Buffer.byteLength(JSON.stringify(checked)) > MAX_CONFIG_BYTES) throw new InvalidInputError('config', `must take at most ${MAX_CONFIG_BYTES} bytes of JSON`);
  return checked;
}

