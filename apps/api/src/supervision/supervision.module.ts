import { Module } from '@nestjs/common';
import { Caseloads, FigureItemStore, NormItemStore, NormSettingsChanges } from '@casusregie/projections';
import { readModelQueries } from '@casusregie/runtime';
import { FiguresController } from './figures.controller';
import { FiguresService } from './figures.service';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

/** Norms, compliance, worklists, waiting times and the management figures for supervisors. */
@Module({
  controllers: [SupervisionController, FiguresController],
  providers: [SupervisionService, FiguresService, ...readModelQueries(NormItemStore, Caseloads, NormSettingsChanges, FigureItemStore)],
})
export class SupervisionModule {}
