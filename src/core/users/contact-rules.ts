import { InvalidInputError } from '../errors.js';

/**
 * Huawei UpdateUserInformation (PUT /v3.0/OS-USER/users/{user_id}/info, iam_08_0010) table 4: `email`
 * "符合邮箱格式，长度小于等于255位"; `mobile` "国家码+新手机号，手机号为纯数字，长度小于等于32位", the example
 * `0086-123456789`. One rule for the API and the console's own-contact page.
 */
export const CONTACT_LIMITS = { emailMax: 255, mobileDigitsMax: 32 } as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** a country code (`0086`, `86` or `+86`), a hyphen, then the number's digits */
const MOBILE = /^(?:\+[0-9]{1,4}|[0-9]{1,6})-([0-9]{1,32})$/;

/** @throws invalid-input (field `email`) */
export function checkEmail(email: string): void {
  if (email.length > CONTACT_LIMITS.emailMax) throw new InvalidInputError('email', `must be at most ${CONTACT_LIMITS.emailMax} characters`);
  if (!EMAIL.test(email)) throw new InvalidInputError('email', `\`${email}\` is not an email address`);
}

/** @throws invalid-input (field `mobile`) */
export function checkMobile(mobile: string): void {
  if (!MOBILE.test(mobile)) throw new InvalidInputError('mobile', `\`${mobile}\` is not a country code and a number of at most ${CONTACT_LIMITS.mobileDigitsMax} digits, such as \`0086-123456789\``);
}
