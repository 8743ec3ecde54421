import { MAX_ALLOWED_ENTRIES, type IpAllowList } from '../../../core/login-protection/access-control.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { volcOperation, type VolcOperation } from '../operation.js';

/**
 * GetAllowedIPAddresses / UpdateAllowedIPAddresses (volcengine-go-sdk service/iam): the account's
 * console sign-in IP allow list, the same list Huawei v3.0 console-acl-policy sets. `IPList.N.IP` is
 * one address, a CIDR block, or a `low-high` range; `EnableIPList=false` keeps the list unenforced.
 */
export const allowedIpAddressOperations: VolcOperation[] = [
  volcOperation({
    action: 'UpdateAllowedIPAddresses',
    source: 'volcengine-go-sdk service/iam/api_update_allowed_ip_addresses.go',
    core: 'accessControl.update',
    errors: ['InvalidParameter', 'ParameterNotFound'],
    parameters: ['EnableIPList', 'IPList.N.IP', 'IPList.N.Description'],
    async run({ params, ctx, services }) {
      const enabled = params.optionalBoolean('EnableIPList');
      if (enabled === undefined) throw new WireValidationError('EnableIPList', 'is required', 'missing');
      const entries = params.indexedList('IPList');
      // no IPList: EnableIPList alone switches the list in force on or off
      const next: IpAllowList = entries.length === 0
        ? { ...(await services.accessControl.current(ctx.principal.accountId, 'console')), enabled }
        : { netmasks: [], ranges: [], enabled };
      entries.forEach((entry, i) => {
        const ip = entry.get('IP');
        if (ip === undefined) throw new WireValidationError(`IPList.${i + 1}.IP`, 'is required', 'missing');
        const description = entry.get('Description') ?? '';
        if (ip.includes('-')) next.ranges.push({ range: ip, description });
        else next.netmasks.push({ netmask: ip, description });
      });
      await services.accessControl.update(ctx, 'console', next);
      return undefined;
    },
  }),
  volcOperation({
    action: 'GetAllowedIPAddresses',
    source: 'volcengine-go-sdk service/iam/api_get_allowed_ip_addresses.go',
    core: 'accessControl.get',
    errors: [],
    parameters: [],
    async run({ ctx, services }) {
      const stored = await services.accessControl.stored(ctx, 'console');
      // never set, or Huawei's "everywhere" default: no list in force
      const list = stored ?? { netmasks: [], ranges: [], enabled: false };
      return {
        EnableIPList: stored !== undefined && list.enabled !== false,
        IPList: [...list.netmasks.map((n) => ({ IP: n.netmask, Description: n.description })), ...list.ranges.map((r) => ({ IP: r.range, Description: r.description }))],
        // the entries of each kind (addresses, ranges) the core keeps
        Quota: MAX_ALLOWED_ENTRIES,
      };
    },
  }),
];
