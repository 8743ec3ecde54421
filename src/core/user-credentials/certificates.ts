import { createHash, createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { CredentialMaterialError } from './user-credential.js';

export interface ParsedCertificate {
  /** the PEM as uploaded, trimmed */
  pem: string;
  /** SHA-256 of the DER, hex: what makes two uploads the same certificate */
  fingerprint: string;
  /** epoch ms of `notAfter` (AWS ServerCertificateMetadata Expiration) */
  expiresAt: number;
  certificate: X509Certificate;
}

/** X.509 through node:crypto. @throws invalid-input (malformed-certificate) */
export function parseCertificate(text: string): ParsedCertificate {
  const pem = text.trim();
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    throw new CredentialMaterialError('malformed-certificate', 'the certificate does not parse as X.509 PEM');
  }
  return { pem, fingerprint: createHash('sha256').update(certificate.raw).digest('hex'), expiresAt: Date.parse(certificate.validTo), certificate };
}

/** A chain of PEM certificates, each one checked. @throws invalid-input (malformed-certificate) */
export function parseChain(text: string): string {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new CredentialMaterialError('malformed-certificate', 'the certificate chain holds no PEM certificate');
  for (const block of blocks) parseCertificate(block);
  return text.trim();
}

/**
 * AWS UploadServerCertificate PrivateKey: the key must parse and belong to the certificate
 * (KeyPairMismatch otherwise). SECURITY: the key text never appears in an error.
 * @throws invalid-input (malformed-certificate | key-pair-mismatch)
 */
export function checkPrivateKey(certificate: X509Certificate, text: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(text.trim());
  } catch {
    throw new CredentialMaterialError('malformed-certificate', 'the private key does not parse');
  }
  if (!certificate.checkPrivateKey(key)) throw new CredentialMaterialError('key-pair-mismatch', 'the private key does not match the certificate');
  return key;
}
