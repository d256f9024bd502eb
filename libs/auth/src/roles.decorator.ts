import { SetMetadata } from '@nestjs/common';
import { Role } from './principal';
import { ROLES_KEY } from './roles.guard';

/**
 * Allows a route (or all routes of a controller) only to principals with at least one of these roles; others get
 * 403. Checked by the global {@link RolesGuard}, after authentication.
 */
export function Roles(...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator {
  return SetMetadata(ROLES_KEY, roles);
}
