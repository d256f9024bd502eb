import { JwtService } from '@nestjs/jwt';
import { toInvalidTokenError } from './invalid-token.error';
import { Principal } from './principal';
import { principalFromClaims } from './principal-from-claims';
import { CLOCK_TOLERANCE_SECONDS, TokenVerifier } from './token-verifier';

/** Accepts HS256 tokens signed with the shared secret (AUTH_JWT_SECRET or the generated development secret). */
export class HmacTokenVerifier implements TokenVerifier {
  private readonly jwt = new JwtService();

  constructor(private readonly secret: string) {}

  async verify(token: string): Promise<Principal> {
    let claims: unknown;
    try {
      // Pinning the algorithm rejects `alg: none` and tokens that try to pass a public key off as an HMAC secret.
      claims = await this.jwt.verifyAsync(token, {
        secret: this.secret,
        algorithms: ['HS256'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
    } catch (error) {
      throw toInvalidTokenError(error);
    }
    return principalFromClaims(claims);
  }
}
