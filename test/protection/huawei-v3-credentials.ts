/**
 * Protection-matrix rows of the Keystone credentials of the v3 table (issue #16): `/v3/credentials`
 * and OS-EC2. Each row makes a project, a `totp` credential and an EC2 credential of the fixture's user
 * through core before the request is watched.
 * @see #16
 */
import { systemContext } from '../../src/core/principal.js';
import type { V3Operation } from '../../src/dialects/huawei-v3/operation.js';
import type { V3Request } from './huawei-v3-keystone.js';
import type { Row } from './personas.js';

/** A row for every credential operation of the table. */
export function credentialRows(operations: V3Operation[]): Record<string, Row<V3Request>> {
  const rows: Record<string, Row<V3Request>> = {};
  for (const op of operations) {
    if (!/^\/(credentials|users\/:user_id\/credentials)/.test(op.url)) continue;
    rows[op.name] = async (_persona, fx, n, env) => {
      const s = env.server.polyiam.services;
      const ctx = systemContext(fx.account.id, 'system', 'system');
      const project = await s.projects.create(ctx, { name: `fx-cred-project-${n}` });
      const totp = await s.keystoneCredentials.create(ctx, { userId: fx.user.id, projectId: null, type: 'totp', blob: `fx-seed-${n}` });
      // the fixture's user has one access key: an EC2 credential is its second, so the create rows make none
      const ec2 = op.name === 'keystoneCreateEc2Credential' ? undefined : await s.keystoneCredentials.createEc2Credential(ctx, fx.user.id, project.id);
      fx.marks.push(totp.id, ...(ec2 ? [ec2.id, ec2.access!] : []));
      const path = `/v3${op.url}`
        .replace(':credential_id', op.name === 'keystoneShowCredential' && ec2 ? ec2.id : totp.id)
        .replace(':user_id', fx.user.id)
        .replace(':access', ec2?.access ?? 'none');
      const body =
        op.name === 'keystoneCreateCredential'
          ? { credential: { user_id: fx.user.id, type: 'cert', blob: `made-${n}` } }
          : op.name === 'keystoneUpdateCredential'
            ? { credential: { blob: `changed-${n}` } }
            : op.name === 'keystoneCreateEc2Credential'
              ? { tenant_id: project.id }
              : undefined;
      return { req: { method: op.method, path, ...(body === undefined ? {} : { body }) } };
    };
  }
  return rows;
}

/**
 * Rows of the application credential operations. A credential of the fixture's user is made as that
 * user (nobody makes one for another), on a project where it holds `member`.
 */
export function applicationCredentialRows(operations: V3Operation[]): Record<string, Row<V3Request>> {
  const rows: Record<string, Row<V3Request>> = {};
  for (const op of operations) {
    if (!op.url.startsWith('/users/:user_id/application_credentials')) continue;
    rows[op.name] = async (_persona, fx, n, env) => {
      const s = env.server.polyiam.services;
      const admin = systemContext(fx.account.id, 'system', 'system');
      const project = await s.projects.create(admin, { name: `fx-app-project-${n}` });
      const member = (await s.keystoneRoles.list(admin)).find((r) => r.name === 'member')!;
      await s.grants.grant(admin, { actorType: 'user', actorId: fx.user.id, targetType: 'project', targetId: project.id, roleId: member.id, inherited: false });
      const own = systemContext(fx.account.id, fx.user.id, fx.user.name);
      const made = await s.applicationCredentials.create(own, fx.user.id, { projectId: project.id, heldRoles: [member] }, { name: `fx-app-${n}` });
      fx.marks.push(made.credential.id);
      const path = `/v3${op.url}`.replace(':user_id', fx.user.id).replace(':application_credential_id', made.credential.id);
      const body = op.method === 'POST' ? { application_credential: { name: `made-${n}` } } : undefined;
      return { req: { method: op.method, path, ...(body === undefined ? {} : { body }) } };
    };
  }
  return rows;
}

/** Rows of the OS-EP-FILTER endpoint group operations: each makes a service and a group filtering on it. */
export function endpointGroupRows(operations: V3Operation[]): Record<string, Row<V3Request>> {
  const rows: Record<string, Row<V3Request>> = {};
  for (const op of operations) {
    if (!op.url.startsWith('/OS-EP-FILTER/endpoint_groups')) continue;
    rows[op.name] = async (_persona, fx, n, env) => {
      const s = env.server.polyiam.services;
      const ctx = systemContext(fx.account.id, 'system', 'system');
      const service = await s.catalog.createService(ctx, { type: 'compute' });
      const group = await s.endpointGroups.create(ctx, { name: `fx-group-${n}`, description: '', filters: { service_id: service.id } });
      fx.marks.push(group.id);
      const path = `/v3${op.url}`.replace(':endpoint_group_id', group.id);
      const body = op.method === 'POST' || op.method === 'PATCH' ? { endpoint_group: { name: `made-${n}`, filters: { interface: 'public' } } } : undefined;
      return { req: { method: op.method, path, ...(body === undefined ? {} : { body }) } };
    };
  }
  return rows;
}
