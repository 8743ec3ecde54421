/**
 * An instance profile (AWS CreateInstanceProfile): a named container that hands one role to the
 * machines launched with it. Only AWS has them; the role it holds is one of the core roles.
 */
export interface InstanceProfile {
  /** 32 lowercase hex */
  id: string;
  accountId: string;
  /** unique per account, case-insensitively (AWS "IAM identifiers") */
  name: string;
  /** AWS path, `/` by default */
  path: string;
  /** AWS InstanceProfileId: `AIPA` + 17 upper-case alphanumerics */
  awsId: string;
  /** the role it holds; AWS allows one role per instance profile */
  roleId: string | null;
  createdAt: number;
}

/** AWS "IAM and AWS STS quotas": 1,000 instance profiles per account, 1 role per instance profile, 50 tags. */
export const INSTANCE_PROFILE_LIMITS = { perAccount: 1_000, rolesPerProfile: 1, tags: 50 } as const;
