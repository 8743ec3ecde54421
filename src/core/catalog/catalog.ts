/**
 * An account's service catalog (Keystone regions, services, endpoints, issue #16): what tokens list
 * under `catalog`, and `GET /v3/auth/catalog`. Every account starts with this server's own IAM endpoint
 * as the `identity` service in `RegionOne`; what an administrator adds is the account's own, so one
 * account's catalog is never shown to another.
 */
export interface CatalogRegion {
  accountId: string;
  /** chosen by the caller (Keystone `PUT /v3/regions/{region_id}`, or an endpoint's `region`) or generated */
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

export const ENDPOINT_INTERFACES = ['public', 'internal', 'admin'] as const;
export type EndpointInterface = (typeof ENDPOINT_INTERFACES)[number];

export interface CatalogEndpoint {
  id: string;
  accountId: string;
  serviceId: string;
  regionId: string | null;
  interface: EndpointInterface;
  url: string;
  enabled: boolean;
}

/** Keystone's default region name (keystone-manage bootstrap `--bootstrap-region-id`; tempest's and openstackclient's `region`). */
export const DEFAULT_REGION = 'RegionOne';

/** What a token's catalog is made of: the account's enabled services, each with its enabled endpoints. */
export interface CatalogEntry {
  service: CatalogService;
  endpoints: CatalogEndpoint[];
}
