import { AuthenticatedRequest } from './authenticated-request';
import { extractBearerToken } from './bearer-token';
import { InvalidTokenError } from './invalid-token.error';
import { Principal } from './principal';
import { TokenVerifier } from './token-verifier';

/** Who a request's bearer token says is calling, once its signature and claims have been checked. */
export type Identification =
  | { kind: 'verified'; principal: Principal }
  | { kind: 'missing' }
  | { kind: 'invalid'; error: InvalidTokenError };

const IDENTIFICATION = Symbol('casusregie:identification');
type IdentifiedRequest = AuthenticatedRequest & { [IDENTIFICATION]?: Promise<Identification> };

/**
 * Verifies the request's bearer token once per request and remembers the outcome on the request, so that the guards
 * that need it (the rate limiter, then authentication) agree on it and the signature is checked only once. A token
 * that will not do is an `invalid` identification, not an error; anything else the verifier throws (the identity
 * provider's keys cannot be fetched: 503) is rethrown to every caller.
 */
export function identifyRequest(request: AuthenticatedRequest, verifier: TokenVerifier): Promise<Identification> {
  const identified = request as IdentifiedRequest;
  return (identified[IDENTIFICATION] ??= identify(request, verifier));
}

async function identify(request: AuthenticatedRequest, verifier: TokenVerifier): Promise<Identification> {
  const token = extractBearerToken(request.headers.authorization);
  if (token === undefined) return { kind: 'missing' };
  try {
    return { kind: 'verified', principal: await verifier.verify(token) };
  } catch (error) {
    if (error instanceof InvalidTokenError) return { kind: 'invalid', error };
    throw error;
  }
}
