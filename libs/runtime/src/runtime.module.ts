import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@casusregie/config';
import { Storage } from '@casusregie/storage';
import { APP_CONFIG, EVENT_STORE, PROJECTIONS, READ_MODELS, STORAGE } from './runtime.tokens';
import { allProjections } from './projections/all-projections';
import { Clock, CLOCK, systemClock } from './clock';
import { StorageLifecycle } from './storage-lifecycle';

export interface RuntimeModuleOptions {
  config: AppConfig;
  /** Already opened; closed by the module on shutdown. */
  storage: Storage;
  /** Defaults to the system clock (Europe/Amsterdam). */
  clock?: Clock;
}

/**
 * What every process (api, projector) shares: the configuration and the opened stores, provided globally under the
 * tokens of runtime.tokens.ts, and closed when the application shuts down.
 */
@Module({})
export class RuntimeModule {
  static forRoot({ config, storage, clock = systemClock }: RuntimeModuleOptions): DynamicModule {
    return {
      module: RuntimeModule,
      global: true,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: STORAGE, useValue: storage },
        { provide: EVENT_STORE, useValue: storage.eventStore },
        { provide: READ_MODELS, useValue: storage.readModels },
        { provide: PROJECTIONS, useValue: allProjections(storage, config.projectionPartitions) },
        { provide: CLOCK, useValue: clock },
        StorageLifecycle,
      ],
      exports: [APP_CONFIG, STORAGE, EVENT_STORE, READ_MODELS, PROJECTIONS, CLOCK],
    };
  }
}
