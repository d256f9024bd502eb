import { JwtService } from '@nestjs/jwt';
import { EXPIRES_IN_PATTERN } from './expires-in';
import { Principal } from './principal';

export interface SignAccessTokenOptions {
  /** Seconds, or a duration such as `8h`, `30m`, `7d`. Default 8h: one working day. */
  expiresIn?: number | string;
}

/** Signs an HS256 access token with the shared secret, for development, tests and the token CLI. */
export function signAccessToken(principal: Principal, secret: string, options: SignAccessTokenOptions = {}): string {
  const expiresIn = options.expiresIn ?? '8h';
  if (typeof expiresIn === 'string' && !EXPIRES_IN_PATTERN.test(expiresIn)) {
    throw new RangeError(`expiresIn must look like 3600, 30m, 8h or 7d, got "${expiresIn}"`);
  }
  const claims: Record<string, unknown> = { ...principal };
  return new JwtService().sign(claims, {
    secret,
    algorithm: 'HS256',
    // jsonwebtoken types durations as template literals; the pattern above guarantees one of them.
    expiresIn: expiresIn as number,
  });
}
