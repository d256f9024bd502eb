import { Global, Module } from '@nestjs/common';
import { ProcessingActivitiesController } from './processing-activities.controller';
import { ProcessingLogController } from './processing-log.controller';
import { ProcessingLogService } from './processing-log.service';

/** The processing log; global, since every module that touches personal data writes to it. */
@Global()
@Module({ controllers: [ProcessingLogController, ProcessingActivitiesController], providers: [ProcessingLogService], exports: [ProcessingLogService] })
export class ProcessingLogModule {}
