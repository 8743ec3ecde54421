import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IamClient } from '@huaweicloud/huaweicloud-sdk-iam/v5/IamClient.js';
import { AddUserToGroupReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/AddUserToGroupReqBody.js';
import { AddUserToGroupV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/AddUserToGroupV5Request.js';
import { AttachUserPolicyReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/AttachUserPolicyReqBody.js';
import { AttachUserPolicyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/AttachUserPolicyV5Request.js';
import { AttachGroupPolicyReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/AttachGroupPolicyReqBody.js';
import { AttachGroupPolicyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/AttachGroupPolicyV5Request.js';
import { CreateGroupReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateGroupReqBody.js';
import { CreateGroupV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreateGroupV5Request.js';
import { CreatePolicyReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreatePolicyReqBody.js';
import { CreatePolicyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreatePolicyV5Request.js';
import { CreatePolicyVersionReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreatePolicyVersionReqBody.js';
import { CreatePolicyVersionV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/CreatePolicyVersionV5Request.js';
import { DeleteGroupV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/DeleteGroupV5Request.js';
import { DeletePolicyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/DeletePolicyV5Request.js';
import { DeletePolicyVersionV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/DeletePolicyVersionV5Request.js';
import { DetachGroupPolicyReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/DetachGroupPolicyReqBody.js';
import { DetachGroupPolicyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/DetachGroupPolicyV5Request.js';
import { DetachUserPolicyReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/DetachUserPolicyReqBody.js';
import { DetachUserPolicyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/DetachUserPolicyV5Request.js';
import { GetPolicyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/GetPolicyV5Request.js';
import { GetPolicyVersionV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/GetPolicyVersionV5Request.js';
import { ListAttachedGroupPoliciesV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListAttachedGroupPoliciesV5Request.js';
import { ListAttachedUserPoliciesV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListAttachedUserPoliciesV5Request.js';
import { ListEntitiesForPolicyV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListEntitiesForPolicyV5Request.js';
import { ListGroupsV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListGroupsV5Request.js';
import { ListPoliciesV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListPoliciesV5Request.js';
import { ListPolicyVersionsV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListPolicyVersionsV5Request.js';
import { RemoveUserFromGroupReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/RemoveUserFromGroupReqBody.js';
import { RemoveUserFromGroupV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/RemoveUserFromGroupV5Request.js';
import { SetDefaultPolicyVersionV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/SetDefaultPolicyVersionV5Request.js';
import { ShowGroupV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ShowGroupV5Request.js';
import { UpdateGroupReqBody } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdateGroupReqBody.js';
import { UpdateGroupV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/UpdateGroupV5Request.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { call, createUser, createUserWithKey, expectSdkError, ISO_MS, rawRequest, rootKeys, v5Client, assertV5Error } from './support.js';

const DOC = (action: string) => JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: [action], Resource: ['*'] }] });
const createPolicy = (client: IamClient, name: string, document = DOC('iam:users:listUsersV5'), path?: string) => {
  const body = new CreatePolicyReqBody(name, document).withDescription(`${name} policy`);
  if (path !== undefined) body.withPath(path);
  return call(client.createPolicyV5(new CreatePolicyV5Request().withBody(body)));
};

describe('huawei-v5 identity policies (CreatePolicyV5 ... ListEntitiesForPolicyV5) through the official SDK', () => {
  let server: TestServer;
  let root: IamClient;

  before(async () => {
    server = await startTestServer();
    root = v5Client(server, rootKeys(server));
  });
  after(() => server.close());

  it('createPolicyV5 answers 201 with the v5 Policy; getPolicyV5 and listPoliciesV5 read it back', async () => {
    const created = await createPolicy(root, 'ListUsersOnly', undefined, 'team/a/');
    assert.equal(created.httpStatusCode, 201);
    const policy = created.policy!;
    assert.deepEqual(Object.keys(policy).sort(), ['attachment_count', 'created_at', 'default_version_id', 'description', 'path', 'policy_id', 'policy_name', 'policy_type', 'updated_at', 'urn']);
    assert.equal(policy.policy_type, 'custom');
    assert.equal(policy.policy_name, 'ListUsersOnly');
    assert.equal(policy.path, 'team/a/');
    assert.equal(policy.default_version_id, 'v1');
    assert.equal(policy.attachment_count, 0);
    assert.equal(policy.description, 'ListUsersOnly policy');
    assert.match(policy.urn, /^iam::[0-9a-f]+:policy:ListUsersOnly$/);
    assert.match(policy.created_at, ISO_MS);

    const got = await call(root.getPolicyV5(new GetPolicyV5Request(policy.policy_id)));
    assert.deepEqual(got.policy, policy);

    const custom = await call(root.listPoliciesV5(new ListPoliciesV5Request().withPolicyType('custom')));
    assert.deepEqual(custom.policies!.map((p) => p.policy_name), ['ListUsersOnly']);
    const system = await call(root.listPoliciesV5(new ListPoliciesV5Request().withPolicyType('system')));
    assert.ok(system.policies!.length > 0 && system.policies!.every((p) => p.policy_type === 'system' && p.urn.startsWith('iam::system:policy:')));
    const byPath = await call(root.listPoliciesV5(new ListPoliciesV5Request().withPathPrefix('team/')));
    assert.deepEqual(byPath.policies!.map((p) => p.policy_id), [policy.policy_id]);
    // only the system policy the `admin` group holds is attached yet
    const attached = await call(root.listPoliciesV5(new ListPoliciesV5Request().withOnlyAttached(true)));
    assert.deepEqual(attached.policies!.map((p) => p.policy_type), ['system']);

    // paging: limit 1 walks every policy once, by marker
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const req = new ListPoliciesV5Request().withLimit(1);
      if (marker) req.withMarker(marker);
      const page = await call(root.listPoliciesV5(req));
      assert.equal(page.page_info!.current_count, page.policies!.length);
      seen.push(...page.policies!.map((p) => p.policy_id));
      marker = page.page_info!.next_marker;
    } while (marker);
    const all = await call(root.listPoliciesV5(new ListPoliciesV5Request()));
    assert.deepEqual(seen, all.policies!.map((p) => p.policy_id));
  });

  it('policy versions: create (set_as_default), list, get, set-default, delete; the default cannot go', async () => {
    const id = (await createPolicy(root, 'Versioned')).policy!.policy_id;
    const v2 = await call(root.createPolicyVersionV5(new CreatePolicyVersionV5Request(id).withBody(new CreatePolicyVersionReqBody(DOC('iam:users:getUserV5')))));
    assert.equal(v2.httpStatusCode, 201);
    assert.deepEqual(Object.keys(v2.policy_version!).sort(), ['created_at', 'document', 'is_default', 'version_id']);
    assert.equal(v2.policy_version!.version_id, 'v2');
    assert.equal(v2.policy_version!.is_default, false);
    const v3 = await call(root.createPolicyVersionV5(new CreatePolicyVersionV5Request(id).withBody(new CreatePolicyVersionReqBody(DOC('iam:users:createUserV5')).withSetAsDefault(true))));
    assert.equal(v3.policy_version!.is_default, true);
    assert.equal((await call(root.getPolicyV5(new GetPolicyV5Request(id)))).policy!.default_version_id, 'v3');

    const versions = await call(root.listPolicyVersionsV5(new ListPolicyVersionsV5Request(id)));
    assert.deepEqual(versions.versions!.map((v) => [v.version_id, v.is_default]), [['v1', false], ['v2', false], ['v3', true]]);
    assert.equal(versions.page_info!.current_count, 3);
    const first = await call(root.listPolicyVersionsV5(new ListPolicyVersionsV5Request(id).withLimit(2)));
    assert.equal(first.versions!.length, 2);
    const rest = await call(root.listPolicyVersionsV5(new ListPolicyVersionsV5Request(id).withLimit(2).withMarker(first.page_info!.next_marker!)));
    assert.deepEqual(rest.versions!.map((v) => v.version_id), ['v3']);
    assert.equal(rest.page_info!.next_marker, undefined);

    const got = await call(root.getPolicyVersionV5(new GetPolicyVersionV5Request(id, 'v2')));
    assert.equal(got.policy_version!.document, DOC('iam:users:getUserV5'));

    const set = await call(root.setDefaultPolicyVersionV5(new SetDefaultPolicyVersionV5Request(id, 'v2')));
    assert.equal(set.httpStatusCode, 200);
    assert.equal((await call(root.getPolicyV5(new GetPolicyV5Request(id)))).policy!.default_version_id, 'v2');

    await expectSdkError(root.deletePolicyVersionV5(new DeletePolicyVersionV5Request(id, 'v2')), 409, 'PAP5.0009');
    const deleted = await call(root.deletePolicyVersionV5(new DeletePolicyVersionV5Request(id, 'v3')));
    assert.equal(deleted.httpStatusCode, 204);
    await expectSdkError(root.getPolicyVersionV5(new GetPolicyVersionV5Request(id, 'v3')), 404, 'IAM.0004');

    // five versions at most: PAP5.0028 "versions per policy limit exceeded"
    for (let i = 0; i < 3; i++) await root.createPolicyVersionV5(new CreatePolicyVersionV5Request(id).withBody(new CreatePolicyVersionReqBody(DOC('iam:users:getUserV5'))));
    await expectSdkError(root.createPolicyVersionV5(new CreatePolicyVersionV5Request(id).withBody(new CreatePolicyVersionReqBody(DOC('iam:users:getUserV5')))), 409, 'PAP5.0028');
  });

  it('attach / detach to users and groups, the attached lists and listEntitiesForPolicyV5', async () => {
    const policy = (await createPolicy(root, 'Attachable')).policy!;
    const userId = await createUser(root, 'holder');
    const group = await call(root.createGroupV5(new CreateGroupV5Request().withBody(new CreateGroupReqBody('holders').withDescription('people who hold'))));
    const groupId = group.group!.group_id;

    const attached = await call(root.attachUserPolicyV5(new AttachUserPolicyV5Request(policy.policy_id).withBody(new AttachUserPolicyReqBody(userId))));
    assert.equal(attached.httpStatusCode, 200);
    // idempotent, as AWS AttachUserPolicy is
    await root.attachUserPolicyV5(new AttachUserPolicyV5Request(policy.policy_id).withBody(new AttachUserPolicyReqBody(userId)));
    await root.attachGroupPolicyV5(new AttachGroupPolicyV5Request(policy.policy_id).withBody(new AttachGroupPolicyReqBody(groupId)));

    const forUser = await call(root.listAttachedUserPoliciesV5(new ListAttachedUserPoliciesV5Request(userId)));
    assert.equal(forUser.attached_policies!.length, 1);
    const item = forUser.attached_policies![0]!;
    assert.deepEqual(Object.keys(item).sort(), ['attached_at', 'policy_id', 'policy_name', 'urn']);
    assert.equal(item.policy_id, policy.policy_id);
    assert.equal(item.urn, policy.urn);
    assert.match(item.attached_at, ISO_MS);
    const forGroup = await call(root.listAttachedGroupPoliciesV5(new ListAttachedGroupPoliciesV5Request(groupId)));
    assert.deepEqual(forGroup.attached_policies!.map((p) => p.policy_name), ['Attachable']);

    assert.equal((await call(root.getPolicyV5(new GetPolicyV5Request(policy.policy_id)))).policy!.attachment_count, 2);
    const onlyAttached = await call(root.listPoliciesV5(new ListPoliciesV5Request().withOnlyAttached(true).withPolicyType('custom')));
    assert.deepEqual(onlyAttached.policies!.map((p) => p.policy_id), [policy.policy_id]);

    const entities = await call(root.listEntitiesForPolicyV5(new ListEntitiesForPolicyV5Request(policy.policy_id)));
    assert.deepEqual(entities.policy_users!.map((u) => u.user_id), [userId]);
    assert.deepEqual(entities.policy_groups!.map((g) => g.group_id), [groupId]);
    assert.deepEqual(entities.policy_agencies, []);
    const usersOnly = await call(root.listEntitiesForPolicyV5(new ListEntitiesForPolicyV5Request(policy.policy_id).withEntityType('user')));
    assert.deepEqual(usersOnly.policy_groups, []);
    assert.equal(usersOnly.policy_users!.length, 1);

    // an attached policy cannot be deleted
    await expectSdkError(root.deletePolicyV5(new DeletePolicyV5Request(policy.policy_id)), 409, 'PAP5.0009');
    await root.detachUserPolicyV5(new DetachUserPolicyV5Request(policy.policy_id).withBody(new DetachUserPolicyReqBody(userId)));
    await root.detachGroupPolicyV5(new DetachGroupPolicyV5Request(policy.policy_id).withBody(new DetachGroupPolicyReqBody(groupId)));
    // detaching what is not attached is a 404
    await expectSdkError(root.detachUserPolicyV5(new DetachUserPolicyV5Request(policy.policy_id).withBody(new DetachUserPolicyReqBody(userId))), 404, 'IAM.0004');
    assert.deepEqual((await call(root.listAttachedUserPoliciesV5(new ListAttachedUserPoliciesV5Request(userId)))).attached_policies, []);
    const gone = await call(root.deletePolicyV5(new DeletePolicyV5Request(policy.policy_id)));
    assert.equal(gone.httpStatusCode, 204);
    await expectSdkError(root.getPolicyV5(new GetPolicyV5Request(policy.policy_id)), 404, 'IAM.0004');
  });

  it('a system policy can be read and attached, never changed', async () => {
    const system = (await call(root.listPoliciesV5(new ListPoliciesV5Request().withPolicyType('system')))).policies!;
    const readOnly = system.find((p) => p.policy_name === 'IAMReadOnlyPolicy');
    assert.ok(readOnly, system.map((p) => p.policy_name).join(', '));
    const got = await call(root.getPolicyVersionV5(new GetPolicyVersionV5Request(readOnly.policy_id, 'v1')));
    // system policies are kept in one syntax (core system-policies.ts), whatever the dialect reading them
    assert.ok(Array.isArray(JSON.parse(got.policy_version!.document).Statement));
    const userId = await createUser(root, 'reader');
    await root.attachUserPolicyV5(new AttachUserPolicyV5Request(readOnly.policy_id).withBody(new AttachUserPolicyReqBody(userId)));
    await expectSdkError(root.deletePolicyV5(new DeletePolicyV5Request(readOnly.policy_id)), 400, 'IAM.0007', /policy_id/);
  });

  it('malformed policy documents are 400 PAP5.0011 naming the statement and field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      ['{not json', /malformed policy document: policy document is not valid json/],
      [{ Version: '5.0', Statement: [{ Effect: 'Permit', Action: ['iam:users:getUserV5'] }] }, /`Statement\[0\]\.Effect`/],
      [{ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['iam:users:getUserV5'], Condition: { StringEquals: { 'g:ResourceTag/team': {} } } }] }, /`Statement\[0\]\.Condition/],
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:users:getUserV5'] }] }, /`Version`/],
    ];
    for (const [doc, msg] of cases) {
      const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
      await expectSdkError(root.createPolicyV5(new CreatePolicyV5Request().withBody(new CreatePolicyReqBody('Bad', text))), 400, 'PAP5.0011', msg);
    }
    const id = (await createPolicy(root, 'GoodThenBad')).policy!.policy_id;
    await expectSdkError(root.createPolicyVersionV5(new CreatePolicyVersionV5Request(id).withBody(new CreatePolicyVersionReqBody('{"Version":"5.0","Statement":[]}'))), 400, 'PAP5.0011', /Statement/);
  });

  it('wire errors: names, ids, types, duplicates and markers', async () => {
    await createPolicy(root, 'Twice');
    await expectSdkError(root.createPolicyV5(new CreatePolicyV5Request().withBody(new CreatePolicyReqBody('twice', DOC('iam:users:getUserV5')))), 409, 'PAP5.0009');
    await expectSdkError(root.createPolicyV5(new CreatePolicyV5Request().withBody(new CreatePolicyReqBody('bad name!', DOC('iam:users:getUserV5')))), 400, 'IAM.0007', /policy_name/);
    await expectSdkError(root.createPolicyV5(new CreatePolicyV5Request().withBody(new CreatePolicyReqBody('BadPath', DOC('iam:users:getUserV5')).withPath('/leading'))), 400, 'IAM.0007', /path/);
    await expectSdkError(root.getPolicyV5(new GetPolicyV5Request('no_such_policy!')), 400, 'IAM.0007', /policy_id/);
    await expectSdkError(root.getPolicyV5(new GetPolicyV5Request('0123456789abcdef0123456789abcdef')), 404, 'IAM.0004');
    await expectSdkError(root.getPolicyVersionV5(new GetPolicyVersionV5Request('0123456789abcdef0123456789abcdef', 'latest')), 400, 'IAM.0007', /version_id/);
    await expectSdkError(root.listPoliciesV5(new ListPoliciesV5Request().withPolicyType('managed')), 400, 'IAM.0007', /policy_type/);
    await expectSdkError(root.listPoliciesV5(new ListPoliciesV5Request().withMarker('bm90LWEtbWFya2Vy')), 400, 'PAP5.0010');
    const res = await rawRequest(server, { method: 'POST', path: '/v5/policies', body: JSON.stringify({ policy_name: 'Typed', policy_document: { Version: '5.0' } }), keys: rootKeys(server) });
    assertV5Error(res, 400, 'IAM.0007', /policy_document/);
    const missing = await rawRequest(server, { method: 'POST', path: '/v5/policies', body: JSON.stringify({ policy_name: 'NoDoc' }), keys: rootKeys(server) });
    assertV5Error(missing, 400, 'IAM.0072', /policy_document/);
    const noUser = await rawRequest(server, { method: 'POST', path: '/v5/policies/0123456789abcdef0123456789abcdef/attach-user', body: '{}', keys: rootKeys(server) });
    assertV5Error(noUser, 400, 'IAM.0072', /user_id/);
  });

  it('an IAM user without policies is denied the policy APIs with 403 PAP5.0001 and an encoded message', async () => {
    const { keys } = await createUserWithKey(root, 'nopolicies');
    const user = v5Client(server, keys);
    const e = await expectSdkError(user.createPolicyV5(new CreatePolicyV5Request().withBody(new CreatePolicyReqBody('Mine', DOC('iam:users:getUserV5')))), 403, 'PAP5.0001', /^access denied: iam:policies:createV5/);
    assert.ok(e.encodedAuthorizationMessage && e.encodedAuthorizationMessage.length > 20);
    await expectSdkError(user.listPoliciesV5(new ListPoliciesV5Request()), 403, 'PAP5.0001', /iam:policies:listV5/);
  });

  it('v5 groups: create, show, list (by user), update, add and remove users, delete', async () => {
    const created = await call(root.createGroupV5(new CreateGroupV5Request().withBody(new CreateGroupReqBody('devs').withDescription('developers'))));
    assert.equal(created.httpStatusCode, 201);
    const group = created.group!;
    assert.deepEqual(Object.keys(group).sort(), ['created_at', 'description', 'group_id', 'group_name', 'urn']);
    assert.equal(group.group_name, 'devs');
    assert.match(group.urn, /^iam::[0-9a-f]+:group:devs$/);
    assert.deepEqual((await call(root.showGroupV5(new ShowGroupV5Request(group.group_id)))).group, group);
    const updated = await call(root.updateGroupV5(new UpdateGroupV5Request(group.group_id).withBody(new UpdateGroupReqBody().withNewGroupName('developers').withNewGroupDescription('all of them'))));
    assert.equal(updated.group!.group_name, 'developers');
    assert.equal(updated.group!.description, 'all of them');
    const userId = await createUser(root, 'dev1');
    assert.equal((await call(root.addUserToGroupV5(new AddUserToGroupV5Request(group.group_id).withBody(new AddUserToGroupReqBody(userId))))).httpStatusCode, 200);
    const mine = await call(root.listGroupsV5(new ListGroupsV5Request().withUserId(userId)));
    assert.deepEqual(mine.groups!.map((g) => g.group_id), [group.group_id]);
    assert.ok((await call(root.listGroupsV5(new ListGroupsV5Request()))).groups!.some((g) => g.group_id === group.group_id));
    await root.removeUserFromGroupV5(new RemoveUserFromGroupV5Request(group.group_id).withBody(new RemoveUserFromGroupReqBody(userId)));
    assert.deepEqual((await call(root.listGroupsV5(new ListGroupsV5Request().withUserId(userId)))).groups, []);
    await expectSdkError(root.createGroupV5(new CreateGroupV5Request().withBody(new CreateGroupReqBody('developers'))), 409, 'PAP5.0009');
    assert.equal((await call(root.deleteGroupV5(new DeleteGroupV5Request(group.group_id)))).httpStatusCode, 204);
    await expectSdkError(root.showGroupV5(new ShowGroupV5Request(group.group_id)), 404, 'IAM.0004');
  });
});
