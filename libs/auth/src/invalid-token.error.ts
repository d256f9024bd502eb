/**
 * The bearer token cannot be accepted. The message is shown to the client as the problem's `detail`, so it says what
 * is wrong with the token without quoting any of it.
 */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';

  constructor(
    message: string,
    /** `expired-token` or `invalid-token`: the problem `code`, so a client knows whether to refresh or to sign in. */
    readonly code: 'expired-token' | 'invalid-token' = 'invalid-token',
  ) {
    super(message);
  }
}

/** Translates jsonwebtoken's errors (matched by name, as they come through @nestjs/jwt) into {@link InvalidTokenError}. */
export function toInvalidTokenError(error: unknown): InvalidTokenError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TokenExpiredError') return new InvalidTokenError('The access token has expired.', 'expired-token');
  if (name === 'NotBeforeError') return new InvalidTokenError('The access token is not valid yet.');
  // jsonwebtoken's messages quote the expected value; ours say which claim without quoting either side.
  const message = error instanceof Error ? error.message : '';
  if (message.startsWith('jwt issuer invalid')) {
    return new InvalidTokenError('The access token is not issued by the identity provider this API trusts (iss).');
  }
  if (message.startsWith('jwt audience invalid')) return new InvalidTokenError('The access token is not meant for this API (aud).');
  return new InvalidTokenError('The access token is malformed or its signature is not valid.');
}
