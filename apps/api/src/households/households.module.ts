import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { ErasureController } from './erasure.controller';
import { HouseholdCommandService } from './household-command.service';
import { HouseholdSearchService } from './household-search.service';
import { HouseholdsController } from './households.controller';
import { TrajectoriesController } from './trajectories.controller';

/** The household case: registration, members, plan, trajectories and corrections (consultant role); erasure (admin). */
@Module({
  controllers: [HouseholdsController, TrajectoriesController, ErasureController],
  providers: [HouseholdCommandService, HouseholdSearchService, IdempotencyStore, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
  exports: [HouseholdCommandService],
})
export class HouseholdsModule {}
