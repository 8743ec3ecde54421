import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InvalidInputError } from '../errors.js';

/**
 * Reads a SAML 2.0 metadata document (OASIS "Metadata for the OASIS Security Assertion Markup Language
 * (SAML) V2.0" §2.3.2 EntityDescriptor, §2.4.3 IDPSSODescriptor) as AWS CreateSAMLProvider does: the
 * root must be an EntityDescriptor describing an identity provider. Namespace prefixes are dropped, so
 * `md:EntityDescriptor` and a default namespace read alike. DOCTYPE declarations are refused: a
 * metadata document has none, and entities are how XML bombs get in.
 * @returns the `validUntil` instant (epoch ms), null when the document sets none
 * @throws invalid-input
 */
export function readSamlMetadata(document: string): { validUntil: number | null } {
  if (/<!DOCTYPE/i.test(document)) throw invalid('a document type declaration is not allowed');
  if (XMLValidator.validate(document) !== true) throw invalid('it is not well-formed XML');
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, processEntities: false, parseAttributeValue: false });
  const parsed = parser.parse(document) as Record<string, unknown>;
  const root = parsed['EntityDescriptor'];
  if (!isRecord(root)) throw invalid('the root element must be an EntityDescriptor');
  const idp = root['IDPSSODescriptor'];
  if (!isRecord(idp) && !(Array.isArray(idp) && idp.some(isRecord))) throw invalid('the EntityDescriptor has no IDPSSODescriptor');
  const until = root['@validUntil'];
  if (until === undefined) return { validUntil: null };
  const at = typeof until === 'string' ? Date.parse(until) : NaN;
  if (!Number.isFinite(at)) throw invalid('validUntil is not a date-time');
  return { validUntil: at };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** AWS CreateSAMLProvider: InvalidInput "Could not parse metadata" */
const invalid = (why: string) => new InvalidInputError('samlMetadataDocument', `could not parse metadata: ${why}`);
