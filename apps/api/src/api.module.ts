import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule, createTokenVerifier } from '@casusregie/auth';
import { HealthModule, ProjectionsModule, RuntimeModule, RuntimeModuleOptions } from '@casusregie/runtime';
import { HouseholdsModule } from './households/households.module';
import { MeController } from './me/me.controller';
import { MyWorkModule } from './me/my-work.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ProcessingLogModule } from './processing-log/processing-log.module';
import { ParkedEventsModule } from './projections/parked-events.module';
import { RateLimitModule } from './rate-limit.module';
import { ProviderPortalModule } from './provider-portal/provider-portal.module';
import { ProvidersModule } from './providers/providers.module';
import { SupervisionModule } from './supervision/supervision.module';
import { NormSettingsModule } from './norm-settings/norm-settings.module';

export type ApiModuleOptions = RuntimeModuleOptions;

/** The root module: the shared runtime (config, stores, health) plus authentication and the API's own routes. */
@Module({})
export class ApiModule {
  static forRoot(options: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        RuntimeModule.forRoot(options),
        RateLimitModule.forRoot(options.config.rateLimitPerMinute),
        AuthModule.forRoot({ verifier: createTokenVerifier(options.config) }),
        HealthModule,
        ProjectionsModule,
        ProcessingLogModule,
        ProvidersModule,
        HouseholdsModule,
        SupervisionModule,
        NormSettingsModule,
        ProviderPortalModule,
        MyWorkModule,
        NotificationsModule,
        ParkedEventsModule,
      ],
      controllers: [MeController],
    };
  }
}
