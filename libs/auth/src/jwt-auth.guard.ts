import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemHttpException } from '@casusregie/http';
import { AuthenticatedRequest } from './authenticated-request';
import { identifyRequest } from './identify-request';
import { IS_PUBLIC_KEY } from './public.decorator';
import { TOKEN_VERIFIER, TokenVerifier } from './token-verifier';

/**
 * The global guard: every route needs a valid bearer token unless it is marked {@link Public}. The accepted
 * principal goes on `request.user` for {@link CurrentUser} and the {@link RolesGuard}.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic === true) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // Already verified when the rate limiter ran first (see RateLimitModule); verified here otherwise.
    const identification = await identifyRequest(request, this.verifier);
    if (identification.kind === 'verified') {
      request.user = identification.principal;
      return true;
    }
    if (identification.kind === 'missing') {
      // RFC 6750 §3.1: a request without credentials gets the challenge without an error code.
      throw unauthorized('missing-token', 'This request needs an access token: Authorization: Bearer <token>.', 'Bearer realm="casusregie"');
    }
    const { code, message } = identification.error;
    throw unauthorized(code, message, 'Bearer realm="casusregie", error="invalid_token"');
  }
}

function unauthorized(code: string, detail: string, challenge: string): ProblemHttpException {
  return new ProblemHttpException(401, { code, detail, headers: { 'WWW-Authenticate': challenge } });
}
