/**
 * The core's action names. Issue #2 asks every core command to authorize with the action names of the
 * Huawei IAM v5 docs ("授权项" tables), so those are the canonical names; other dialects' spellings map
 * onto them in the policy engine.
 */
export const Actions = {
  createUser: 'iam:users:createUserV5',
  listUsers: 'iam:users:listUsersV5',
  getUser: 'iam:users:getUserV5',
  updateUser: 'iam:users:updateUserV5',
  deleteUser: 'iam:users:deleteUserV5',
  getUserLastLogin: 'iam:users:showUserLastLoginV5',
  createLoginProfile: 'iam:users:createLoginProfileV5',
  getLoginProfile: 'iam:users:showLoginProfileV5',
  updateLoginProfile: 'iam:users:updateLoginProfileV5',
  deleteLoginProfile: 'iam:users:deleteLoginProfileV5',
  unlockLoginProfile: 'iam:users:unlockLoginProfileV5',
  changePassword: 'iam:users:changePasswordV5',
  createAccessKey: 'iam:credentials:createCredentialV5',
  listAccessKeys: 'iam:credentials:listCredentialsV5',
  updateAccessKey: 'iam:credentials:updateCredentialV5',
  deleteAccessKey: 'iam:credentials:deleteCredentialV5',
  getAccessKeyLastUsed: 'iam:credentials:showAccessKeyLastUsedV5',
  tagUser: 'iam::tagForResourceV5',
  untagUser: 'iam::untagForResourceV5',
  listUserTags: 'iam::listTagsForResourceV5',
  getPasswordPolicy: 'iam:securitypolicies:getPasswordPolicyV5',
  updatePasswordPolicy: 'iam:securitypolicies:updatePasswordPolicyV5',
  deletePasswordPolicy: 'iam:securitypolicies:updatePasswordPolicyV5',
  getLoginPolicy: 'iam:securitypolicies:getLoginPolicyV5',
  updateLoginPolicy: 'iam:securitypolicies:updateLoginPolicyV5',
  createGroup: 'iam:groups:createGroupV5',
  listGroups: 'iam:groups:listGroupsV5',
  getGroup: 'iam:groups:getGroupV5',
  updateGroup: 'iam:groups:updateGroupV5',
  deleteGroup: 'iam:groups:deleteGroupV5',
  addUserToGroup: 'iam:groups:addUserV5',
  removeUserFromGroup: 'iam:groups:removeUserV5',
  listGroupMembers: 'iam:groups:listUsersV5',
} as const;

export type IamAction = (typeof Actions)[keyof typeof Actions];
