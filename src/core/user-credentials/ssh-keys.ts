import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { CredentialMaterialError } from './user-credential.js';

/** AWS UploadSSHPublicKey: "The minimum bit-length of the public key is 2048 bits" */
const MIN_RSA_BITS = 2048;

export interface ParsedSshKey {
  /** OpenSSH form, `ssh-rsa <base64>` (GetSSHPublicKey Encoding=SSH) */
  ssh: string;
  /** SubjectPublicKeyInfo PEM (Encoding=PEM) */
  pem: string;
  /** MD5 of the key blob as colon-separated hex (AWS SSHPublicKey Fingerprint) */
  fingerprint: string;
}

/**
 * Reads an SSH public key as AWS accepts it: "in ssh-rsa format or PEM format". node:crypto reads
 * PEM and JWK but not OpenSSH's wire format, so the `ssh-rsa` blob (RFC 4253 §6.6: string "ssh-rsa",
 * mpint e, mpint n) is unpacked into a JWK and checked by node:crypto.
 * @throws invalid-input (unrecognized-public-key-encoding | invalid-public-key)
 */
export function parseSshPublicKey(text: string): ParsedSshKey {
  const trimmed = text.trim();
  let key: KeyObject;
  if (trimmed.startsWith('-----BEGIN')) {
    try {
      key = createPublicKey(trimmed);
    } catch {
      throw new CredentialMaterialError('invalid-public-key', 'the PEM public key does not parse');
    }
  } else if (/^ssh-[a-z0-9-]+ /.test(trimmed)) {
    key = fromOpenSsh(trimmed);
  } else {
    throw new CredentialMaterialError('unrecognized-public-key-encoding', 'the public key is neither ssh-rsa nor PEM');
  }
  if (key.asymmetricKeyType !== 'rsa') throw new CredentialMaterialError('unrecognized-public-key-encoding', 'only RSA (ssh-rsa) keys are accepted');
  const jwk = key.export({ format: 'jwk' });
  const n = Buffer.from(jwk.n ?? '', 'base64url');
  const e = Buffer.from(jwk.e ?? '', 'base64url');
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) throw new CredentialMaterialError('invalid-public-key', `the key must be at least ${MIN_RSA_BITS} bits`);
  const blob = Buffer.concat([sshString(Buffer.from('ssh-rsa')), sshString(mpint(e)), sshString(mpint(n))]);
  const md5 = createHash('md5').update(blob).digest('hex');
  return {
    ssh: `ssh-rsa ${blob.toString('base64')}`,
    pem: key.export({ format: 'pem', type: 'spki' }).toString(),
    fingerprint: md5.match(/../g)!.join(':'),
  };
}

function fromOpenSsh(text: string): KeyObject {
  const [type, data] = text.split(/\s+/);
  if (type !== 'ssh-rsa') throw new CredentialMaterialError('unrecognized-public-key-encoding', `\`${type ?? ''}\` keys are not accepted; use ssh-rsa`);
  const blob = Buffer.from(data ?? '', 'base64');
  const fields: Buffer[] = [];
  let at = 0;
  while (at + 4 <= blob.length && fields.length < 3) {
    const length = blob.readUInt32BE(at);
    if (at + 4 + length > blob.length) break;
    fields.push(blob.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  const [name, e, n] = fields;
  if (!name || !e || !n || at !== blob.length || name.toString() !== 'ssh-rsa') throw new CredentialMaterialError('invalid-public-key', 'the ssh-rsa key blob does not parse');
  try {
    return createPublicKey({ key: { kty: 'RSA', n: unsigned(n).toString('base64url'), e: unsigned(e).toString('base64url') }, format: 'jwk' });
  } catch {
    throw new CredentialMaterialError('invalid-public-key', 'the ssh-rsa key is not a valid RSA key');
  }
}

const unsigned = (value: Buffer): Buffer => {
  let i = 0;
  while (i < value.length - 1 && value[i] === 0) i++;
  return value.subarray(i);
};

/** RFC 4251 mpint: big-endian, a leading zero byte when the high bit is set */
const mpint = (value: Buffer): Buffer => (value.length > 0 && value[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value);

function sshString(value: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(value.length);
  return Buffer.concat([length, value]);
}
