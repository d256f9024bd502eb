import { buildProviderNotification, notificationBody, NotificationFacts, referralPath, withPublicUrls } from './provider-notification';

const facts: NotificationFacts = {
  actie: 'create',
  resource: 'verwijzing',
  referralId: '3f1c9a4e-0d51-4a55-9f55-1f7d1a1c2b3d',
  agbCode: '22334455',
  municipality: 'GM0299',
  category: 'lichtere-zorg',
  eventId: '0b7e5f0e-6a0b-4a8e-9d43-0f9f4cbbf1c1',
  recordedAt: new Date('2026-05-15T09:30:00.123Z'),
};

/** Every key anywhere in a JSON value, as dotted paths. */
function paths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => paths(inner, prefix === '' ? key : `${prefix}.${key}`));
}

describe('provider notification payload', () => {
  it('is a ZGW notificatie about the referral, kept with the provider API paths', () => {
    expect(buildProviderNotification(facts)).toEqual({
      kanaal: 'verwijzingen',
      hoofdObject: '/api/v1/provider/referrals/3f1c9a4e-0d51-4a55-9f55-1f7d1a1c2b3d',
      resource: 'verwijzing',
      resourceUrl: '/api/v1/provider/referrals/3f1c9a4e-0d51-4a55-9f55-1f7d1a1c2b3d',
      actie: 'create',
      aanmaakdatum: '2026-05-15T09:30:00.123Z',
      kenmerken: { gemeente: 'GM0299', categorie: 'lichtere-zorg', zorgaanbieder: '22334455', eventId: facts.eventId },
    });
  });

  it('has exactly the ZGW fields and id/code kenmerken: no room for names, BSNs, birth dates or text', () => {
    const notification = buildProviderNotification({ ...facts, actie: 'update', resource: 'casusregisseur' });
    expect(paths(notification).sort()).toEqual(
      [
        'actie',
        'aanmaakdatum',
        'hoofdObject',
        'kanaal',
        'kenmerken.categorie',
        'kenmerken.eventId',
        'kenmerken.gemeente',
        'kenmerken.zorgaanbieder',
        'resource',
        'resourceUrl',
      ].sort(),
    );
    // Whatever a caller passes besides the facts (as from a whole ReferralMade payload) is not copied in.
    const withExtras = { ...facts, organisation: { name: 'GGNet' }, givenName: 'Yusuf', bsn: '111222333', reason: 'vrije tekst' };
    const body = notificationBody(buildProviderNotification(withExtras as NotificationFacts));
    for (const personal of ['GGNet', 'Yusuf', '111222333', 'vrije tekst', 'bsn', 'name']) expect(body).not.toContain(personal);
  });

  it('serialises in the ZGW field order, however the stored copy was ordered', () => {
    const notification = buildProviderNotification(facts);
    // As jsonb gives it back: keys in another order, at both levels.
    const reversed = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).reverse()) as T;
    const shuffled = { ...reversed(notification), kenmerken: reversed(notification.kenmerken) };
    expect(Object.keys(shuffled)[0]).not.toBe('kanaal');
    expect(notificationBody(shuffled)).toBe(notificationBody(notification));
    expect(Object.keys(JSON.parse(notificationBody(shuffled)))).toEqual([
      'kanaal',
      'hoofdObject',
      'resource',
      'resourceUrl',
      'actie',
      'aanmaakdatum',
      'kenmerken',
    ]);
  });

  it('is sent with absolute URLs under the public base URL (format: uri, as the Notificaties API requires)', () => {
    const path = '/api/v1/provider/referrals/3f1c9a4e-0d51-4a55-9f55-1f7d1a1c2b3d';
    const sent = withPublicUrls(buildProviderNotification(facts), 'https://gemeente.nl/casusregie');
    expect(sent).toMatchObject({ hoofdObject: `https://gemeente.nl/casusregie${path}`, resourceUrl: `https://gemeente.nl/casusregie${path}` });
    expect(new URL(sent.hoofdObject).pathname).toBe(`/casusregie${path}`);
    // Absolute already: left alone, so the base is never added twice.
    expect(withPublicUrls(sent, 'https://elsewhere.nl')).toEqual(sent);
  });

  it('escapes the id in the URL path', () => {
    expect(referralPath('a/b')).toBe('/api/v1/provider/referrals/a%2Fb');
  });
});
