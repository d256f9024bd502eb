/** The token of an `Authorization: Bearer <token>` header (RFC 6750), or undefined for any other header. */
export function extractBearerToken(authorization: string | string[] | undefined): string | undefined {
  if (typeof authorization !== 'string') return undefined;
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization);
  return match?.[1];
}
