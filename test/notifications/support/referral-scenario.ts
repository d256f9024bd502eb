import { ApiHarness } from '../../../apps/api/test/support/api-harness';
import { HouseholdClient } from '../../../apps/api/test/support/household-client';

/** The personal data the scenario records, none of which may reach a provider's notification. */
export const PERSONAL_DATA = [
  'Yusuf',
  'Rania',
  'Haddad',
  '1996-05-02',
  '1999-08-19',
  '999993653',
  'Slaapproblemen en herbelevingen',
  'GGNet Doetinchem',
  'Inburgeringsconsulent Jansen',
  'Gezin kiest andere aanbieder',
];

/** A household of Zevenaar with one trajectory, recorded through the consultant API. */
export async function householdWithTrajectory(api: ApiHarness): Promise<{ client: HouseholdClient; householdId: string; trajectoryId: string }> {
  const client = new HouseholdClient(api);
  const household = await client.register({
    municipality: 'GM0299',
    team: 'T1',
    registeredOn: '2026-04-01',
    residences: [{ key: 'A' }],
    members: [
      { givenName: 'Yusuf', familyName: 'Haddad', birthDate: '1996-05-02', role: 'parent', bsn: '999993653', residenceKeys: ['A'] },
      { givenName: 'Rania', familyName: 'Haddad', birthDate: '1999-08-19', role: 'parent', residenceKeys: ['A'] },
    ],
  });
  const trajectoryId = await client.openTrajectory(household.id, {
    memberId: household.memberIds.Yusuf,
    date: '2026-04-15',
    source: 'huisarts',
    channel: 'phone',
    question: 'Slaapproblemen en herbelevingen',
    lifeDomains: ['geestelijke-gezondheid'],
    legalBasis: 'wmo-2015',
  });
  return { client, householdId: household.id, trajectoryId };
}

export async function refer(client: HouseholdClient, householdId: string, trajectoryId: string, agbCode: string): Promise<string> {
  return client.refer(householdId, trajectoryId, {
    date: '2026-05-15',
    organisation: { agbCode, name: 'GGNet Doetinchem' },
    category: 'lichtere-zorg',
    warmHandover: true,
  });
}
