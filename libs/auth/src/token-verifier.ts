import { Principal } from './principal';

/** Checks a bearer token and says who it belongs to. Implementations throw an {@link InvalidTokenError} when it won't do. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/** Injection token of the application's {@link TokenVerifier}. */
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/** Allowance for clocks that differ a little between the token issuer and this server. */
export const CLOCK_TOLERANCE_SECONDS = 30;
