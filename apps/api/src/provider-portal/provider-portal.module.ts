import { Module } from '@nestjs/common';
import { ProviderReferralInbox } from '@casusregie/projections';
import { readModelQueries } from '@casusregie/runtime';
import { HouseholdsModule } from '../households/households.module';
import { ProviderPortalController } from './provider-portal.controller';
import { ProviderReferralsService } from './provider-referrals.service';

/** The care providers' referral inbox and their reports. */
@Module({
  imports: [HouseholdsModule],
  controllers: [ProviderPortalController],
  providers: [ProviderReferralsService, ...readModelQueries(ProviderReferralInbox)],
})
export class ProviderPortalModule {}
