import { ProviderRegistry } from '@casusregie/providers';
import { waitFor } from '@casusregie/test-support';
import { ApiHarness } from '../../../apps/api/test/support/api-harness';
import { householdWithTrajectory, refer } from './referral-scenario';
import { WebhookReceiver } from './webhook-receiver';

let witnessAgb = 90_000_000;

/**
 * Returns once notification delivery has moved on twice since the call: two referrals to a witness provider of its
 * own, the second made after the first was delivered. Each went through a later sweep and job than anything before
 * the call, so a test can then assert that nothing more was sent ("exactly once", "no more") — where sleeping would
 * cover no sweep at all on a busy machine.
 */
export async function deliveriesMovedOnTwice(api: ApiHarness, registry: ProviderRegistry): Promise<void> {
  const receiver = await new WebhookReceiver().start();
  try {
    const agbCode = String(++witnessAgb);
    await registry.register(
      { agbCode, name: 'Getuige', municipality: 'GM0299', productCategories: [], webhookUrl: receiver.url, webhookSecret: 'the-witness-secret-of-32-characters' },
      'test-admin',
    );
    const { client, householdId, trajectoryId } = await householdWithTrajectory(api);
    for (const round of [1, 2]) {
      await refer(client, householdId, trajectoryId, agbCode);
      await waitFor(async () => receiver.acknowledged.length >= round, 30_000, `the witness notification ${round} delivered`);
    }
  } finally {
    await receiver.close();
  }
}
