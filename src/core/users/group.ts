export interface Group {
  /** 32 lowercase hex */
  id: string;
  accountId: string;
  /** unique per account, case-insensitively */
  name: string;
  path: string;
  description: string;
  awsId: string;
  numericId: number;
  createdAt: number;
  updatedAt: number;
}

/** Each account is created with this group; its members hold Security Administrator rights (Huawei v3). */
export const ADMIN_GROUP_NAME = 'admin';
