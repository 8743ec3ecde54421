/** A SAML 2.0 IdP metadata document (OASIS SAML V2.0 metadata §2.3.2, §2.4.3), over AWS's 1,000-character minimum. */
export function samlMetadata(options: { entityId?: string; validUntil?: string; idp?: boolean } = {}): string {
  const certificate = 'MIIC'.padEnd(1_200, 'A');
  const descriptor = options.idp === false ? `<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/><md:Organization><md:OrganizationName xml:lang="en">${'x'.repeat(1_200)}</md:OrganizationName></md:Organization>` : [
    '<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">',
    '<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>',
    `<ds:X509Certificate>${certificate}</ds:X509Certificate>`,
    '</ds:X509Data></ds:KeyInfo></md:KeyDescriptor>',
    '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>',
    '</md:IDPSSODescriptor>',
  ].join('');
  const until = options.validUntil ? ` validUntil="${options.validUntil}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${options.entityId ?? 'https://idp.example.com/metadata'}"${until}>${descriptor}</md:EntityDescriptor>`;
}
