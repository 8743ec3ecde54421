/**
 * An account's service catalog (Keystone regions, services, endpoints): what tokens list under
 * `catalog`, and `GET /v3/auth/catalog`. Every account starts with this server's own IAM endpoint as the
 * `identity` service in the default region; what an administrator adds is the account's own.
 */
export interface CatalogRegion {
  accountId: string;
  /** chosen by the caller (Keystone: `RegionOne`) or generated */
  id: string;
  description: string;
  parentRegionId: string | null;
}

export interface CatalogService {
  id: string;
  accountId: string;
  /** Keystone service `type` (`identity`, `compute`, ...) */
  type: string;
  name: string;
  description: string;
  enabled: boolean;
}

export type EndpointInterface = 'public' | 'internal' | 'admin';

export interface CatalogEndpoint {
  id: string;
  accountId: string;
  serviceId: string;
  regionId: string | null;
  interface: EndpointInterface;
  url: string;
  enabled: boolean;
}

/** Keystone's default region name (keystone-manage bootstrap `--bootstrap-region-id`; tempest's `region`). */
export const DEFAULT_REGION = 'RegionOne';
