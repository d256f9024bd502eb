import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@casusregie/config';
import { AuthModule, createTokenVerifier } from '@casusregie/auth';
import { Storage } from '@casusregie/storage';
import { APP_CONFIG, EVENT_STORE, READ_MODELS, STORAGE } from './api.tokens';
import { HealthModule } from './health/health.module';
import { MeController } from './me/me.controller';
import { StorageLifecycle } from './storage-lifecycle';

export interface ApiModuleOptions {
  config: AppConfig;
  /** Already opened; closed by the module on shutdown. */
  storage: Storage;
}

/** The root module. Global, so every feature module can inject the tokens of {@link api.tokens}. */
@Module({})
export class ApiModule {
  static forRoot({ config, storage }: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      global: true,
      imports: [AuthModule.forRoot({ verifier: createTokenVerifier(config) }), HealthModule],
      controllers: [MeController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: STORAGE, useValue: storage },
        { provide: EVENT_STORE, useValue: storage.eventStore },
        { provide: READ_MODELS, useValue: storage.readModels },
        StorageLifecycle,
      ],
      exports: [APP_CONFIG, STORAGE, EVENT_STORE, READ_MODELS],
    };
  }
}
