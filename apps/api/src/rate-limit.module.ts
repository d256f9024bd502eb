import { createHash } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';

/**
 * Rate limiting per client: per user (the token's `sub`, read unverified here: a forged token is refused right after
 * by authentication anyway), or per address for requests without a token. Over the limit the answer is 429 problem+json with Retry-After. Imported before authentication, so a
 * flood of bad tokens is limited too.
 */
@Module({})
export class RateLimitModule {
  static forRoot(limitPerMinute: number): DynamicModule {
    if (limitPerMinute === 0) return { module: RateLimitModule };
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          // Named "default" so the headers are the plain Retry-After and X-RateLimit-*.
          throttlers: [{ name: 'default', ttl: 60_000, limit: limitPerMinute }],
          getTracker: (request: Record<string, unknown>) => {
            const { headers, ip } = request as { headers: Record<string, string | undefined>; ip?: string };
            const subject = subjectOf(headers.authorization);
            return subject !== undefined ? `sub:${createHash('sha256').update(subject).digest('hex')}` : `ip:${ip ?? 'unknown'}`;
          },
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
    };
  }
}

/** The `sub` claim of a bearer JWT, without checking it; undefined when there is none to read. */
function subjectOf(authorization: string | undefined): string | undefined {
  const payload = /^Bearer [\w-]+\.([\w-]+)\.[\w-]*$/.exec(authorization ?? '')?.[1];
  if (payload === undefined) return undefined;
  try {
    const sub = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown }).sub;
    return typeof sub === 'string' ? sub : undefined;
  } catch {
    return undefined;
  }
}
