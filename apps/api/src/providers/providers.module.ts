import { Global, Module } from '@nestjs/common';
import { ProviderRegistryService } from './provider-registry.service';
import { ProvidersController } from './providers.controller';

/** The provider registry; global, since referrals and notifications consult it. */
@Global()
@Module({
  controllers: [ProvidersController],
  providers: [ProviderRegistryService],
  exports: [ProviderRegistryService],
})
export class ProvidersModule {}
