import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthenticatedRequest } from './authenticated-request';
import { Principal } from './principal';

/** The authenticated {@link Principal}: `handle(@CurrentUser() user: Principal)`. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (user === undefined) {
    // A @Public() route has no user; asking for one there is a programming error.
    throw new Error('@CurrentUser() used on a route without an authenticated user');
  }
  return user;
});
