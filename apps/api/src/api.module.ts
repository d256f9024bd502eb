import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@casusregie/config';
import { AuthModule, createTokenVerifier } from '@casusregie/auth';
import { Storage } from '@casusregie/storage';
import { HealthModule, RuntimeModule } from '@casusregie/runtime';
import { MeController } from './me/me.controller';

export interface ApiModuleOptions {
  config: AppConfig;
  /** Already opened; closed by the module on shutdown. */
  storage: Storage;
}

/** The root module: the shared runtime (config, stores, health) plus authentication and the API's own routes. */
@Module({})
export class ApiModule {
  static forRoot({ config, storage }: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        RuntimeModule.forRoot({ config, storage }),
        AuthModule.forRoot({ verifier: createTokenVerifier(config) }),
        HealthModule,
      ],
      controllers: [MeController],
    };
  }
}
