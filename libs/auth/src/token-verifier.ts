import { Principal } from './principal';

/** Checks a bearer token and says who it belongs to. Implementations throw an {@link InvalidTokenError} when it won't do. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/** What a verifier checks beyond the signature and the lifetime, from the configuration. */
export interface TokenVerifierOptions {
  /** The `iss` a token must carry (AUTH_ISSUER); not checked when absent. */
  issuer?: string;
  /** A token's `aud` must name one of these (AUTH_AUDIENCE); not checked when absent. */
  audience?: readonly string[];
  /** Where the roles are in the claims (AUTH_ROLES_CLAIM); `roles` when absent. */
  rolesClaim?: readonly string[];
}

/** The options for jsonwebtoken's verify that check `iss` and `aud`, when they are configured. */
export function issuerAndAudience({ issuer, audience }: TokenVerifierOptions): { issuer?: string; audience?: [string, ...string[]] } {
  return {
    ...(issuer === undefined ? {} : { issuer }),
    ...(audience === undefined || audience.length === 0 ? {} : { audience: [...audience] as [string, ...string[]] }),
  };
}

/** Injection token of the application's {@link TokenVerifier}. */
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/** Allowance for clocks that differ a little between the token issuer and this server. */
export const CLOCK_TOLERANCE_SECONDS = 30;
