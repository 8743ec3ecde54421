/**
 * Huawei's own codes for one refusal, where a v3.0 API documents one other than its status's
 * IAM.xxxx (api-iam "Error Codes" iam_02_0006: `1100`-`1118` of the OS-USER APIs, all 400; the
 * access-key quota, 400 `akSkNumExceed`, iam_03_0001). The error itself is left as it is (core audited
 * it under its own kind); only how /v3.0 renders it changes.
 */
export interface V30Code {
  status: number;
  code: string;
  /** replaces the rendered message (Huawei's wording, when clients match on it) */
  message?: string;
}

const CODED = new WeakMap<object, V30Code>();

/** Marks `err` to be rendered with `code`; returns it, to be thrown. */
export function withV30Code<E>(err: E, code: V30Code): E {
  if (typeof err === 'object' && err !== null) CODED.set(err, code);
  return err;
}

export function v30CodeOf(err: unknown): V30Code | undefined {
  return typeof err === 'object' && err !== null ? CODED.get(err) : undefined;
}
