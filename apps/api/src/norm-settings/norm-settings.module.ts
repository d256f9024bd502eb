import { Module } from '@nestjs/common';
import { NormSettingsChanges } from '@casusregie/projections';
import { readModelQueries } from '@casusregie/runtime';
import { NormSettingsController } from './norm-settings.controller';
import { NormSettingsService } from './norm-settings.service';

/** The municipality's own norms, versioned: read and changed by its administrator. */
@Module({
  controllers: [NormSettingsController],
  providers: [NormSettingsService, ...readModelQueries(NormSettingsChanges)],
})
export class NormSettingsModule {}
