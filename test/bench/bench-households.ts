import { ApiProcess, BENCH_CONSULTANT, callApi } from './bench-processes';

/** A household a bench sends commands to, with the member its meldingen are for. */
export interface BenchHousehold {
  householdId: string;
  memberId: string;
}

/**
 * How many households a run spreads its commands over: enough that concurrent commands seldom meet on one household
 * (they would queue behind each other there), at most 256 fresh ones per run.
 */
export function householdsFor(concurrency: number): number {
  return Math.min(256, concurrency * 8);
}

/** Registers `count` one-member households through the API (a few at a time) and learns their member ids. */
export async function registerHouseholds(api: ApiProcess, count: number): Promise<BenchHousehold[]> {
  const households: BenchHousehold[] = [];
  for (let from = 0; from < count; from += 16) {
    const batch = Array.from({ length: Math.min(16, count - from) }, async (_, i) => {
      const { id } = await callApi(api, BENCH_CONSULTANT, 'POST', '/households', {
        municipality: 'GM0299',
        team: 'T1',
        registeredOn: '2026-01-05',
        residences: [{ key: 'woning' }],
        members: [{ givenName: 'Benchmark', familyName: `Testgezin ${from + i}`, birthDate: '1980-01-01', role: 'parent', residenceKeys: ['woning'] }],
      });
      const household = await callApi(api, BENCH_CONSULTANT, 'GET', `/households/${id}`);
      return { householdId: id as string, memberId: (household.members as { memberId: string }[])[0].memberId };
    });
    households.push(...(await Promise.all(batch)));
  }
  return households;
}

/** The command the API benches send: a melding, which opens a trajectory (load, decide, append, trigger projections). */
export function melding(household: BenchHousehold): { path: string; body: object } {
  return {
    path: `/households/${household.householdId}/trajectories`,
    body: {
      memberId: household.memberId,
      date: '2026-02-02',
      source: 'self',
      channel: 'phone',
      question: 'Hulp bij het huishouden',
      lifeDomains: ['zelfredzaamheid'],
      legalBasis: 'wmo-2015',
    },
  };
}
