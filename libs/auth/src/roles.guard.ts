import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemHttpException } from '@casusregie/http';
import { AuthenticatedRequest } from './authenticated-request';
import { Role } from './principal';

export const ROLES_KEY = 'casusregie:roles';

/** Lets a request through when its principal has at least one of the roles named with {@link Roles}. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (required === undefined || required.length === 0) return true;

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
