import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemHttpException } from '@casusregie/http';
import { AuthenticatedRequest } from './authenticated-request';
import { Role } from './principal';
import { IS_PUBLIC_KEY } from './public.decorator';

export const ROLES_KEY = 'casusregie:roles';

/**
 * The one authorisation policy at the door of every route, global and after authentication: a route is open to the
 * roles named with {@link Roles}, or to everyone with {@link Public}. A route that names neither is closed to all:
 * forgetting a policy can never open a route (and the route × role test then fails).
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets)) return true;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (required === undefined || required.length === 0) {
      throw new ProblemHttpException(403, { code: 'no-access-policy', detail: 'This route has no access policy, so it is closed.' });
    }

    const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (user === undefined) {
      // Only reachable on a @Public() route that also names roles: a programming error, not a client's.
      throw new Error('@Roles() needs an authenticated request; do not combine it with @Public()');
    }
    if (user.roles.some((role) => required.includes(role))) return true;
    throw new ProblemHttpException(403, {
      code: 'missing-role',
      detail: `This needs one of these roles: ${required.join(', ')}.`,
    });
  }
}
