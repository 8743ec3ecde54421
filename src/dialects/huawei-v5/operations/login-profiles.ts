import { PlainPassword } from '../../../core/secrets.js';
import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import type { V5Operation } from '../operation.js';
import { PASSWORD, userIdParam } from '../rules.js';
import { renderLoginProfile } from '../shapes.js';

export const loginProfileOperations: V5Operation[] = [
  {
    name: 'createLoginProfileV5',
    method: 'POST',
    url: '/users/:user_id/login-profile',
    status: 201,
    core: 'loginProfiles.create',
    errors: ['missing', 'invalid', 'malformedBody', 'passwordPolicy', 'denied', 'notFound', 'conflict'],
    async run({ ctx, params, body, services }) {
      const id = userIdParam(params.user_id);
      // CreateLoginProfileReqBody: password and password_reset_required, both required
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['password', 'password_reset_required']);
      const password = new PlainPassword(input.requiredString('password', PASSWORD));
      const passwordResetRequired = input.requiredBoolean('password_reset_required');
      const profile = await services.loginProfiles.create(ctx, { id }, { password, passwordResetRequired });
      return { login_profile: renderLoginProfile(profile) };
    },
  },
  {
    name: 'showLoginProfileV5',
    method: 'GET',
    url: '/users/:user_id/login-profile',
    status: 200,
    core: 'loginProfiles.get',
    errors: ['invalid', 'denied', 'notFound'],
    async run({ ctx, params, services }) {
      return { login_profile: renderLoginProfile(await services.loginProfiles.get(ctx, { id: userIdParam(params.user_id) })) };
    },
  },
  {
    name: 'updateLoginProfileV5',
    method: 'PUT',
    url: '/users/:user_id/login-profile',
    status: 200,
    core: 'loginProfiles.update',
    errors: ['invalid', 'malformedBody', 'passwordPolicy', 'denied', 'notFound'],
    async run({ ctx, params, body, services }) {
      const id = userIdParam(params.user_id);
      // UpdateLoginProfileReqBody: the same two fields, both optional
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['password', 'password_reset_required']);
      const password = input.optionalString('password', PASSWORD);
      const passwordResetRequired = input.optionalBoolean('password_reset_required');
      const profile = await services.loginProfiles.update(ctx, { id }, {
        ...(password !== undefined ? { password: new PlainPassword(password) } : {}),
        ...(passwordResetRequired !== undefined ? { passwordResetRequired } : {}),
      });
      return { login_profile: renderLoginProfile(profile) };
    },
  },
  {
    name: 'deleteLoginProfileV5',
    method: 'DELETE',
    url: '/users/:user_id/login-profile',
    status: 204,
    core: 'loginProfiles.delete',
    errors: ['invalid', 'denied', 'notFound'],
    async run({ ctx, params, services }) {
      await services.loginProfiles.delete(ctx, { id: userIdParam(params.user_id) });
    },
  },
];
