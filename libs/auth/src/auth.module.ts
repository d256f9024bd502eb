import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtAuthGuard } from './jwt-auth.guard';
import { RolesGuard } from './roles.guard';
import { TOKEN_VERIFIER, TokenVerifier } from './token-verifier';

/** Makes bearer authentication global: import once, with the verifier from {@link createTokenVerifier}. */
@Module({})
export class AuthModule {
  static forRoot(options: { verifier: TokenVerifier }): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: TOKEN_VERIFIER, useValue: options.verifier },
        // Guards run in this order: who is calling, then whether the route's policy lets them in.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
      exports: [TOKEN_VERIFIER],
    };
  }
}
