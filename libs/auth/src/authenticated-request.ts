import { IncomingMessage } from 'node:http';
import { Principal } from './principal';

/** A request as the guards see it: `user` is set by the {@link JwtAuthGuard} once the token has been accepted. */
export type AuthenticatedRequest = IncomingMessage & { user?: Principal };
