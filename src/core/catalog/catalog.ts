/**
 * Keystone's default region name (keystone-manage bootstrap `--bootstrap-region-id`; tempest's and
 * openstackclient's `region`): the region of the catalog's one service, this server's IAM endpoint.
 * TODO(#16): regions, services and endpoints an administrator manages.
 */
export const DEFAULT_REGION = 'RegionOne';
