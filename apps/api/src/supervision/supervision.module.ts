import { Module } from '@nestjs/common';
import { Caseloads, NormItemStore, NormSettingsChanges } from '@casusregie/projections';
import { readModelQueries } from '@casusregie/runtime';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

/** Norms, compliance, worklists and waiting times for supervisors. */
@Module({
  controllers: [SupervisionController],
  providers: [SupervisionService, ...readModelQueries(NormItemStore, Caseloads, NormSettingsChanges)],
})
export class SupervisionModule {}
