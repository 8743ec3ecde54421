import type { BlockList } from 'node:net';
import { Actions, type IamAction } from '../authorization/actions.js';
import type { ChangeFeed } from '../change-feed.js';
import { runCommand, type CoreDeps } from '../deps.js';
import type { CallContext, Principal } from '../principal.js';
import { ALLOW_EVERYWHERE, compileAllowList, isAllowed, validateAllowList, type AccessChannel, type AccessControlStore, type IpAllowList } from './access-control.js';

const WIRE_FIELDS = { netmasks: 'allow_address_netmasks', ranges: 'allow_ip_ranges' };
const MAX_CACHED = 100_000;

/**
 * Where an account's IAM users may call from (access-control.ts), asked on every call an IAM user makes
 * (PolicyAuthorizer) and at every console sign-in: each account's compiled lists are kept in memory
 * and dropped by the account's change, which reaches the other nodes of a shared database too.
 */
export class AllowListGate {
  /** per channel, by account id (a map each: no key to build on the hot path) */
  private readonly compiled: Record<AccessChannel, Map<string, BlockList | null>> = { console: new Map(), api: new Map() };

  constructor(
    private readonly lists: AccessControlStore,
    changes: ChangeFeed,
  ) {
    changes.subscribe(
      (change) => {
        if (change.kind !== 'account') return;
        this.compiled.console.delete(change.id);
        this.compiled.api.delete(change.id);
      },
      () => {
        this.compiled.console.clear();
        this.compiled.api.clear();
      },
    );
  }

  /**
   * Whether the caller may use `channel` from where it calls: the root always, an IAM user or an
   * assumed-role session (Huawei: "IAM users and federated users") when its address is on the list.
   */
  async admits(principal: Principal, channel: AccessChannel, sourceIp: string | null): Promise<boolean> {
    if (principal.isRoot && !principal.session) return true;
    return isAllowed(await this.matcher(principal.accountId, channel), sourceIp);
  }

  /** hot path: undefined while the account's list is not in memory yet */
  peekAdmits(principal: Principal, channel: AccessChannel, sourceIp: string | null): boolean | undefined {
    if (principal.isRoot && !principal.session) return true;
    const matcher = this.compiled[channel].get(principal.accountId);
    return matcher === undefined ? undefined : isAllowed(matcher, sourceIp);
  }

  private async matcher(accountId: string, channel: AccessChannel): Promise<BlockList | null> {
    const cache = this.compiled[channel];
    const known = cache.get(accountId);
    if (known !== undefined) return known;
    const list = await this.lists.find(accountId, channel);
    const matcher = list ? compileAllowList(list) : null;
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(accountId, matcher);
    return matcher;
  }
}

/** Huawei v3.0 Show/UpdateDomainConsoleAclPolicy and Show/UpdateDomainApiAclPolicy, as core commands. */
export class AccessControlService {
  constructor(
    private readonly deps: CoreDeps,
    private readonly lists: AccessControlStore,
  ) {}

  /** the list in force, without authorization: for a command that authorizes itself (UpdateLoginPolicyV5) */
  async current(accountId: string, channel: AccessChannel): Promise<IpAllowList> {
    return (await this.lists.find(accountId, channel)) ?? ALLOW_EVERYWHERE;
  }

  /** the list as an administrator set it, undefined while never set (Volcengine EnableIPList false) @throws access-denied */
  stored(ctx: CallContext, channel: AccessChannel): Promise<IpAllowList | undefined> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getAccessControlPolicy, { type: 'account', accountId }, () => this.lists.find(accountId, channel));
  }

  /**
   * `action`: what authorizes the read, when the list is part of another vendor object (Huawei v5's
   * login policy carries the console list: ShowLoginPolicyV5 reads it)
   * @throws access-denied
   */
  get(ctx: CallContext, channel: AccessChannel, action: IamAction = Actions.getAccessControlPolicy): Promise<IpAllowList> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, action, { type: 'account', accountId }, () => this.current(accountId, channel));
  }

  /**
   * Replaces the list (`action` as for `get`: UpdateLoginPolicyV5 sets the console list). A list that shuts out the caller itself is taken as given (Huawei says nothing
   * against it): the root, never refused, can always undo it.
   * @throws access-denied | invalid-input
   */
  update(ctx: CallContext, channel: AccessChannel, list: IpAllowList, action: IamAction = Actions.updateAccessControlPolicy): Promise<IpAllowList> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, action, { type: 'account', accountId }, async () => {
      validateAllowList(list, WIRE_FIELDS);
      await this.lists.put(accountId, channel, list, this.deps.clock.now());
      this.deps.changes.emit({ kind: 'account', id: accountId });
      return list;
    });
  }
}
