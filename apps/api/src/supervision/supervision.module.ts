import { Module } from '@nestjs/common';
import { NormItemStore } from './norm-item-store';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

/** Norms, compliance, worklists and waiting times for supervisors. */
@Module({
  controllers: [SupervisionController],
  providers: [SupervisionService, NormItemStore],
})
export class SupervisionModule {}
