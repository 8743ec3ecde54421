/** Test support: RSA public keys in OpenSSH form, as `ssh-keygen` writes them (issue #15). */
import { generateKeyPairSync } from 'node:crypto';

/** an `ssh-rsa` public key line, as ssh-keygen writes it */
export function sshRsaKey(bits = 2048): { ssh: string; pem: string } {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const jwk = publicKey.export({ format: 'jwk' });
  const str = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, (b.length >> 8) & 0xff, b.length & 0xff]), b]);
  const mp = (b64: string) => {
    const b = Buffer.from(b64, 'base64url');
    return b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b;
  };
  const blob = Buffer.concat([str(Buffer.from('ssh-rsa')), str(mp(jwk.e!)), str(mp(jwk.n!))]);
  return { ssh: `ssh-rsa ${blob.toString('base64')} test@polyiam`, pem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
}
