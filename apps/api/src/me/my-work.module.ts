import { Module } from '@nestjs/common';
import { ConsultantWork, NormSettingsChanges } from '@casusregie/projections';
import { readModelQueries } from '@casusregie/runtime';
import { MyWorkController } from './my-work.controller';
import { MyWorkService } from './my-work.service';

/** A consultant's own caseload and worklist. */
@Module({
  controllers: [MyWorkController],
  providers: [MyWorkService, ...readModelQueries(ConsultantWork, NormSettingsChanges)],
})
export class MyWorkModule {}
