import { Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ProblemHttpException } from '@casusregie/http';
import type { JwksClient } from 'jwks-rsa';
import { InvalidTokenError, toInvalidTokenError } from './invalid-token.error';
import { Principal } from './principal';
import { principalFromClaims } from './principal-from-claims';
import { CLOCK_TOLERANCE_SECONDS, issuerAndAudience, TokenVerifier, TokenVerifierOptions } from './token-verifier';

/** Accepts RS256 tokens of an identity provider, with the public keys it publishes at AUTH_JWKS_URL. */
export class JwksTokenVerifier implements TokenVerifier {
  private readonly logger = new Logger(JwksTokenVerifier.name);
  private readonly jwt = new JwtService();
  private readonly keys: JwksClient;

  constructor(
    jwksUrl: string,
    private readonly options: TokenVerifierOptions = {},
  ) {
    // Loaded only when a JWKS is configured: jwks-rsa needs the ESM-only `jose`, which Node 20.19+ can require but
    // Jest cannot, and every test that imports @casusregie/auth would fail on it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jwksRsa = require('jwks-rsa') as typeof import('jwks-rsa');
    // Keys are cached, and unknown key ids cannot make us fetch the JWKS more than a few times a minute.
    this.keys = new jwksRsa.JwksClient({ jwksUri: jwksUrl, cache: true, rateLimit: true, jwksRequestsPerMinute: 10, timeout: 5000 });
  }

  async verify(token: string): Promise<Principal> {
    const header = this.decodeHeader(token);
    const publicKey = await this.signingKey(header.kid);
    let claims: unknown;
    try {
      claims = await this.jwt.verifyAsync(token, {
        publicKey,
        algorithms: ['RS256'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        ...issuerAndAudience(this.options),
      });
    } catch (error) {
      throw toInvalidTokenError(error);
    }
    return principalFromClaims(claims, this.options);
  }

  private decodeHeader(token: string): { kid?: string } {
    const decoded: unknown = this.jwt.decode(token, { complete: true });
    const header = (decoded as { header?: { alg?: unknown; kid?: unknown } } | null)?.header;
    if (header === undefined) throw new InvalidTokenError('The access token is malformed or its signature is not valid.');
    if (header.alg !== 'RS256') throw new InvalidTokenError('The access token must be signed with RS256.');
    return { kid: typeof header.kid === 'string' ? header.kid : undefined };
  }

  private async signingKey(kid: string | undefined): Promise<string> {
    try {
      return (await this.keys.getSigningKey(kid)).getPublicKey();
    } catch (error) {
      const name = error instanceof Error ? error.name : 'unknown error';
      if (name === 'SigningKeyNotFoundError') {
        throw new InvalidTokenError('The access token is signed with a key the identity provider does not publish.');
      }
      // The identity provider is unreachable: the token may be fine, so this is not the client's fault.
      this.logger.warn(`Cannot fetch the JWKS signing keys (${name})`);
      throw new ProblemHttpException(503, {
        code: 'token-keys-unavailable',
        detail: 'Access tokens cannot be checked right now; try again later.',
        headers: { 'Retry-After': '30' },
      });
    }
  }
}
