/**
 * Keystone domain-specific configuration (`/v3/domains/{domain_id}/config`, issue #16): per domain
 * (account), the options of the `identity` and `ldap` groups Keystone lets a domain override
 * (keystone/resource/core.py `DomainConfigManager.whitelisted_options` and `sensitive_options`). polyiam
 * keeps them as Keystone's API does; it runs no LDAP driver, so they configure nothing here yet.
 */

/** A JSON value as Keystone keeps it (its `value` column is a JSON blob): strings, numbers, lists... */
export type ConfigValue = string | number | boolean | null | ConfigValue[] | { [key: string]: ConfigValue };

/** `{group: {option: value}}` */
export type DomainConfig = Record<string, Record<string, ConfigValue>>;

/** Keystone `whitelisted_options`: what a domain may set and read back. */
export const CONFIGURABLE_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  identity: ['driver', 'list_limit'],
  ldap: [
    'url', 'user', 'suffix', 'query_scope', 'page_size', 'alias_dereferencing', 'debug_level', 'chase_referrals',
    'user_tree_dn', 'user_filter', 'user_objectclass', 'user_id_attribute', 'user_name_attribute', 'user_mail_attribute',
    'user_description_attribute', 'user_pass_attribute', 'user_enabled_attribute', 'user_enabled_invert',
    'user_enabled_mask', 'user_enabled_default', 'user_attribute_ignore', 'user_default_project_id_attribute',
    'user_enabled_emulation', 'user_enabled_emulation_dn', 'user_enabled_emulation_use_group_config',
    'user_additional_attribute_mapping', 'group_tree_dn', 'group_filter', 'group_objectclass', 'group_id_attribute',
    'group_name_attribute', 'group_members_are_ids', 'group_member_attribute', 'group_desc_attribute',
    'group_attribute_ignore', 'group_additional_attribute_mapping', 'tls_cacertfile', 'tls_cacertdir', 'use_tls',
    'tls_req_cert', 'use_pool', 'pool_size', 'pool_retry_max', 'pool_retry_delay', 'pool_connection_timeout',
    'pool_connection_lifetime', 'use_auth_pool', 'auth_pool_size', 'auth_pool_connection_lifetime',
  ],
};

/**
 * Keystone `sensitive_options`: kept, never shown. SECURITY: `ldap.password` is sealed with the
 * SecretBox at rest and no answer, log or audit event carries it.
 */
export const SENSITIVE_OPTIONS: Readonly<Record<string, readonly string[]>> = { identity: [], ldap: ['password'] };

/**
 * Keystone's defaults of the configurable options (keystone/conf/identity.py and conf/ldap.py), which
 * `GET /v3/domains/config/default` shows: the values a domain without its own option runs on.
 */
export const DEFAULT_OPTIONS: Readonly<DomainConfig> = {
  identity: { driver: 'sql', list_limit: null },
  ldap: {
    url: 'ldap://localhost', user: null, suffix: 'cn=example,cn=com', query_scope: 'one', page_size: 0,
    alias_dereferencing: 'default', debug_level: null, chase_referrals: null, user_tree_dn: null, user_filter: null,
    user_objectclass: 'inetOrgPerson', user_id_attribute: 'cn', user_name_attribute: 'sn', user_mail_attribute: 'mail',
    user_description_attribute: 'description', user_pass_attribute: 'userPassword', user_enabled_attribute: 'enabled',
    user_enabled_invert: false, user_enabled_mask: 0, user_enabled_default: 'True', user_attribute_ignore: ['default_project_id'],
    user_default_project_id_attribute: null, user_enabled_emulation: false, user_enabled_emulation_dn: null,
    user_enabled_emulation_use_group_config: false, user_additional_attribute_mapping: [], group_tree_dn: null,
    group_filter: null, group_objectclass: 'groupOfNames', group_id_attribute: 'cn', group_name_attribute: 'ou',
    group_members_are_ids: false, group_member_attribute: 'member', group_desc_attribute: 'description',
    group_attribute_ignore: [], group_additional_attribute_mapping: [], tls_cacertfile: null, tls_cacertdir: null,
    use_tls: false, tls_req_cert: 'demand', use_pool: true, pool_size: 10, pool_retry_max: 3, pool_retry_delay: 0.1,
    pool_connection_timeout: -1, pool_connection_lifetime: 600, use_auth_pool: true, auth_pool_size: 100,
    auth_pool_connection_lifetime: 60,
  },
};

/**
 * Keystone's read-only `security_compliance` group (`identity:get_security_compliance_domain_config`):
 * the two options anyone of the domain may read, here made from the account's password policy.
 */
export const SECURITY_COMPLIANCE_GROUP = 'security_compliance';
export const SECURITY_COMPLIANCE_OPTIONS = ['password_regex', 'password_regex_description'] as const;

/** One option as the store keeps it. */
export interface StoredConfigOption {
  accountId: string;
  group: string;
  option: string;
  /** JSON text of the value; SECURITY: sealed with the SecretBox when `sensitive` */
  value: string;
  sensitive: boolean;
}

/** polyiam's bounds (Keystone sets none): one value's JSON, and a whole domain's options */
export const MAX_OPTION_VALUE_BYTES = 4096;
export const MAX_CONFIG_BYTES = 65_536;

/** Storage of domain configurations (store/repositories/domain-configs.ts). */
export interface DomainConfigRepository {
  /** every option of the domain, sensitive ones included */
  list(accountId: string): Promise<StoredConfigOption[]>;
  /** Keystone create: the domain's options become exactly these, in one transaction */
  replace(accountId: string, options: StoredConfigOption[]): Promise<void>;
  /** Keystone update: these options are set (added or replaced), the others stay, in one transaction */
  upsert(accountId: string, options: StoredConfigOption[]): Promise<void>;
  /** removes the domain's options, of one group, or one option; how many were removed */
  delete(accountId: string, group?: string, option?: string): Promise<number>;
}

export const isConfigurable = (group: string, option: string): boolean =>
  (Object.hasOwn(CONFIGURABLE_OPTIONS, group) && CONFIGURABLE_OPTIONS[group]!.includes(option)) || isSensitive(group, option);

export const isSensitive = (group: string, option: string): boolean => Object.hasOwn(SENSITIVE_OPTIONS, group) && SENSITIVE_OPTIONS[group]!.includes(option);

export const isConfigurableGroup = (group: string): boolean => Object.hasOwn(CONFIGURABLE_OPTIONS, group);
