/**
 * Protection matrix, Huawei IAM v3.0 OS-CREDENTIAL permanent access keys and OS-USER recommended user
 * APIs: every operation of those tables, signed SDK-HMAC-SHA256 with the persona's access key as the
 * Huawei SDK's v3 client signs. The key rows act on the fixture user's key, the user rows on its user.
 */
import { osUserOperations } from '../../src/dialects/huawei-v3/operations/os-users.js';
import { permanentAccessKeyOperations } from '../../src/dialects/huawei-v3/operations/permanent-access-keys.js';
import { rawRequest } from '../conformance/huawei-v5/support.js';
import { describeMatrix } from './matrix.js';
import type { Planned, Row } from './personas.js';

interface V30Request {
  method: string;
  path: string;
  body?: unknown;
}

const plan = (method: string, path: string, body?: unknown): Planned<V30Request> => ({ req: { method, path: `/v3.0${path}`, ...(body === undefined ? {} : { body }) } });

const rows: Record<string, Row<V30Request>> = {
  createPermanentAccessKey: (_p, fx) => plan('POST', '/OS-CREDENTIAL/credentials', { credential: { user_id: fx.bare.id, description: 'matrix' } }),
  listPermanentAccessKeys: (_p, fx) => plan('GET', `/OS-CREDENTIAL/credentials?user_id=${fx.user.id}`),
  showPermanentAccessKey: (_p, fx) => plan('GET', `/OS-CREDENTIAL/credentials/${fx.keyId}`),
  updatePermanentAccessKey: (_p, fx) => plan('PUT', `/OS-CREDENTIAL/credentials/${fx.keyId}`, { credential: { status: 'inactive' } }),
  deletePermanentAccessKey: (_p, fx) => plan('DELETE', `/OS-CREDENTIAL/credentials/${fx.keyId}`),
  createUser: (_p, fx, n) => plan('POST', '/OS-USER/users', { user: { name: `v30-user-${n}`, domain_id: fx.account.id, email: `v30-${n}@example.com`, areacode: '0086', phone: '13800000000' } }),
  showUser: (_p, fx) => plan('GET', `/OS-USER/users/${fx.user.id}`),
  updateUser: (_p, fx) => plan('PUT', `/OS-USER/users/${fx.user.id}`, { user: { description: 'matrix' } }),
  // a user's own information only (iam_08_0010)
  updateUserInformation: (p) => plan('PUT', `/OS-USER/users/${p.userId}/info`, { user: { email: 'matrix@example.com', mobile: '0086-13800000000' } }),
};

describeMatrix<V30Request>({
  dialect: 'huawei-v3.0 OS-CREDENTIAL and OS-USER',
  operations: [...permanentAccessKeyOperations, ...osUserOperations].map((op) => op.name),
  rows,
  async send(env, persona, r) {
    const res = await rawRequest(env.server, { method: r.method, path: r.path, keys: persona.keys, ...(r.body === undefined ? {} : { body: JSON.stringify(r.body) }) });
    return { status: res.status, text: res.text };
  },
});
