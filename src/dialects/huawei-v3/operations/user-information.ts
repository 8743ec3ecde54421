import { CONTACT_LIMITS } from '../../../core/users/contact-rules.js';
import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import { callerOf, type V3Operation } from '../operation.js';
import { pathId } from '../rules.js';

/**
 * Huawei IAM v3.0 UpdateUserInformation (iam_08_0010): `PUT /v3.0/OS-USER/users/{user_id}/info`, an IAM
 * user changes its own `email` and `mobile` ("当前API调用无需策略权限", the token of the user in the URL),
 * 204 with no body. The formats are core's (core/users/contact-rules.ts), shared with the console; the
 * account's protect policy `allow_user.manage_email`/`manage_mobile` decides in core (403 IAM.0003).
 */
export const userInformationOperations: V3Operation[] = [
  {
    name: 'updateUserInformation',
    method: 'PUT',
    url: '/OS-USER/users/:user_id/info',
    access: 'required',
    async run(call) {
      const userId = pathId(call, 'user_id');
      const user = JsonFields.of(parseJsonBody(call.body) as Record<string, unknown>).onlyKnown(['user']).requiredObject('user');
      user.onlyKnown(['email', 'mobile']);
      const email = user.optionalString('email', { min: 1, max: CONTACT_LIMITS.emailMax });
      // "国家码+新手机号，手机号为纯数字，长度小于等于32位": the country code and its hyphen come on top
      const mobile = user.optionalString('mobile', { min: 1, max: CONTACT_LIMITS.mobileDigitsMax + 8 });
      await call.services.users.updateOwnContact(callerOf(call), userId, { ...(email !== undefined ? { email } : {}), ...(mobile !== undefined ? { phone: mobile } : {}) });
      return { status: 204 };
    },
  },
];
