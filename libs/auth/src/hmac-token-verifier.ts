import { createSecretKey, KeyObject } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { toInvalidTokenError } from './invalid-token.error';
import { Principal } from './principal';
import { principalFromClaims } from './principal-from-claims';
import { CLOCK_TOLERANCE_SECONDS, issuerAndAudience, TokenVerifier, TokenVerifierOptions } from './token-verifier';

/** Accepts HS256 tokens signed with the shared secret (AUTH_JWT_SECRET or the generated development secret). */
export class HmacTokenVerifier implements TokenVerifier {
  private readonly jwt = new JwtService();
  /**
   * A KeyObject made once: given the secret as a string, jsonwebtoken first tries to read it as a public key on every
   * request (and catches the failure), which cost 15 % of the API's CPU in benchmark B1.
   */
  private readonly key: KeyObject;

  constructor(
    secret: string,
    private readonly options: TokenVerifierOptions = {},
  ) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  async verify(token: string): Promise<Principal> {
    let claims: unknown;
    try {
      // Pinning the algorithm rejects `alg: none` and tokens that try to pass a public key off as an HMAC secret.
      claims = await this.jwt.verifyAsync(token, {
        secret: this.key as unknown as string,
        algorithms: ['HS256'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        ...issuerAndAudience(this.options),
      });
    } catch (error) {
      throw toInvalidTokenError(error);
    }
    return principalFromClaims(claims, this.options);
  }
}
