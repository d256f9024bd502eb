import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { Role } from './principal';
import { ROLES_KEY, RolesGuard } from './roles.guard';

/**
 * Allows a route (or all routes of a controller) only to principals with at least one of these roles; others get
 * 403. Brings its own guard, which runs after the global {@link JwtAuthGuard}.
 */
export function Roles(...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(ROLES_KEY, roles), UseGuards(RolesGuard));
}
