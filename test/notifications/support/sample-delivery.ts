import { buildProviderNotification } from '../../../libs/notifications/src/provider-notification';

export const SAMPLE_REFERRAL_ID = 'a9e4c1f0-1111-4222-8333-944455556666';

/** One delivery of a new referral to provider 22334455 in Zevenaar, as the delivery tests send it. */
export function sampleDelivery() {
  const payload = buildProviderNotification({
    actie: 'create',
    resource: 'verwijzing',
    referralId: SAMPLE_REFERRAL_ID,
    agbCode: '22334455',
    municipality: 'GM0299',
    category: 'maatwerk',
    eventId: 'e1e1e1e1-1111-4222-8333-944455556666',
    recordedAt: new Date('2026-05-15T09:30:00Z'),
  });
  return { payload, delivery: { id: 'd-1', eventId: payload.kenmerken.eventId, agbCode: '22334455', payload } };
}
