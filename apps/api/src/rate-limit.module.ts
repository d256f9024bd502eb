import { createHash } from 'node:crypto';
import { DynamicModule, ExecutionContext, Inject, Injectable, Module } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerModule,
  type ThrottlerModuleOptions,
  type ThrottlerLimitDetail,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { AuthenticatedRequest, identifyRequest, IS_PUBLIC_KEY, TOKEN_VERIFIER, type TokenVerifier } from '@casusregie/auth';

/**
 * Rate limiting per client, keyed on who the client *verifiably* is: a request whose bearer token passes verification
 * counts for its principal (sub and municipality), every other request (no token, a forged, expired or otherwise
 * refused token, or a public route) for its client address. A forged token therefore neither spends a real user's
 * allowance nor earns its sender a fresh one. Over the limit the answer is 429 problem+json with Retry-After.
 *
 * The order of the global guards, per request (this module's guard is registered before AuthModule's, by being
 * imported before it in ApiModule):
 *   1. RateLimitGuard (here): verifies the bearer token (once; the outcome is kept on the request), then counts the
 *      request for the verified principal or for the address, and answers 429 over the limit. Verifying first is what
 *      makes the key trustworthy; counting before the 401 is what limits a flood of bad tokens by address.
 *   2. JwtAuthGuard (AuthModule): 401 unless the token was verified; sets `request.user`. Reuses step 1's outcome.
 *   3. RolesGuard (AuthModule): 403 unless the route's policy lets the principal's roles in.
 * A refused token still costs one signature check before it is counted (cheap for HS256 and RS256; jwks-rsa fetches
 * unknown key ids at most 10 times a minute).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {
    super(options, storage, reflector);
  }

  /**
   * The limiter sets X-RateLimit-* only on the requests it lets through; a 429 says where the client stands too (none
   * left, and when the count starts again), so a client can pace itself from any answer.
   */
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const response = context.switchToHttp().getResponse<{ setHeader(name: string, value: number): void }>();
    response.setHeader('X-RateLimit-Limit', detail.limit);
    response.setHeader('X-RateLimit-Remaining', 0);
    response.setHeader('X-RateLimit-Reset', detail.timeToBlockExpire);
    return super.throwThrottlingException(context, detail);
  }

  protected override async getTracker(request: Record<string, unknown>, context?: ExecutionContext): Promise<string> {
    const address = `address:${await super.getTracker(request)}`;
    // Public routes (health, the OpenAPI document) do not read tokens at all. (ThrottlerGuard always passes the context.)
    if (context === undefined || this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()])) {
      return address;
    }
    const identification = await identifyRequest(request as unknown as AuthenticatedRequest, this.verifier);
    if (identification.kind !== 'verified') return address;
    const { sub, municipality } = identification.principal;
    // Hashed, so no user id ends up as a key in the limiter's store; JSON keeps the two parts apart.
    return `principal:${createHash('sha256').update(JSON.stringify([municipality, sub])).digest('hex')}`;
  }
}

@Module({})
export class RateLimitModule {
  static forRoot(limitPerMinute: number): DynamicModule {
    if (limitPerMinute === 0) return { module: RateLimitModule };
    return {
      module: RateLimitModule,
      imports: [
        // Named "default" so the headers are the plain Retry-After and X-RateLimit-*.
        ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: 60_000, limit: limitPerMinute }] }),
      ],
      providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
    };
  }
}
