import { LocalDate } from '@js-joda/core';
import { LifeDomain, MemberDetails, MemberRole } from '@casusregie/domain';
import { HouseholdRepository } from '@casusregie/households';
import { HouseholdWriter, HouseholdWriterOptions } from './household-writer';
import { SeededRandom } from './seeded-random';
import { plusDays, Timeline } from './timeline';
import { TrajectoryKind, writeTrajectory } from './trajectory-stories';

/** Names that no one will take for a real person's: generated data must never look like someone's file. */
const GIVEN_NAMES = ['Testa', 'Demo', 'Proefje', 'Fictivia', 'Voorbeeldo', 'Nepke', 'Oefenia', 'Dummy', 'Probeersel', 'Verzinna'];
const FAMILY_NAMES = ['Voorbeeld', 'de Proef', 'Testhuis', 'van Verzonnen', 'Fictief', 'Demogezin', 'van Nergensdorp', 'Bedachtsma'];

/** Trajectories of adults; a child's is the youth-to-adult story. */
const ADULT_KINDS: readonly TrajectoryKind[] = ['wmo', 'wmo', 'ggz', 'ggz', 'inburgering', 'waakvlam-after-maatwerk', 'waakvlam-after-maatwerk'];

/**
 * Writes one generated household: registration with its members, a casusregisseur, often a plan, and for some
 * members a trajectory (a child near 18 moving from jeugdhulp to Wmo support, an adult one of the other kinds).
 * Everything is drawn from `rng`, so the household is the same whenever it is written with the same source; its id
 * is the first draw.
 * Returns the number of events written.
 */
export async function writeHousehold(
  repository: HouseholdRepository,
  rng: SeededRandom,
  settings: Omit<HouseholdWriterOptions, 'consultantId'>,
): Promise<number> {
  const householdId = rng.uuid();
  // The casusregisseur records every step of the household.
  const consultant = rng.int(1, 12);
  const writer = new HouseholdWriter(repository, householdId, { ...settings, consultantId: `consultant-${consultant}` });
  const registeredOn = LocalDate.parse('2025-01-01').plusDays(rng.int(0, 640)).toString();
  const family = rng.pick(FAMILY_NAMES);
  const residenceId = rng.uuid();
  const planned = Array.from({ length: rng.pick([1, 1, 2, 2, 3, 4]) }, (_, i) => plannedMember(rng, i, registeredOn));
  const members: MemberDetails[] = planned.map(({ role, birthDate }) => ({
    memberId: rng.uuid(),
    givenName: rng.pick(GIVEN_NAMES),
    familyName: family,
    birthDate,
    role,
    residenceIds: [residenceId],
  }));

  await writer.run({
    type: 'RegisterHousehold',
    occurredOn: registeredOn,
    householdId: writer.householdId,
    municipality: settings.municipality,
    team: rng.pick(['T1', 'T2', 'T3']),
    residences: [{ residenceId, label: 'woning' }],
    members,
  });
  await writer.run({ type: 'AssignCoordinator', occurredOn: registeredOn, coordinatorId: `consultant-${consultant}`, name: `Consulent ${consultant}` });

  const goals: { memberId: string; lifeDomain: LifeDomain; description: string }[] = [];
  for (const [i, member] of members.entries()) {
    const { kind, adultOn } = planned[i];
    if (kind === undefined) continue;
    const dates = new Timeline(plusDays(registeredOn, rng.int(0, 60)));
    await writeTrajectory(kind, { writer, rng, memberId: member.memberId, dates, adultOn });
    goals.push({ memberId: member.memberId, lifeDomain: GOAL_DOMAINS[kind], description: `Doel voor ${kind}` });
  }
  if (goals.length > 0 && rng.chance(60)) {
    const agreedOn = plusDays(registeredOn, rng.int(7, 40));
    await writer.run({ type: 'SetPlan', occurredOn: agreedOn, goals });
    if (rng.chance(30)) await writer.run({ type: 'SetPlan', occurredOn: plusDays(agreedOn, rng.int(30, 180)), goals: goals.slice(0, 1) });
  }
  await writer.flush();
  return writer.events;
}

const GOAL_DOMAINS: Record<TrajectoryKind, LifeDomain> = {
  wmo: 'zelfredzaamheid',
  ggz: 'geestelijke-gezondheid',
  inburgering: 'taal',
  'youth-to-adult': 'zelfredzaamheid',
  'waakvlam-after-maatwerk': 'zelfredzaamheid',
};

interface PlannedMember {
  role: MemberRole;
  birthDate: string;
  kind?: TrajectoryKind;
  /** The 18th birthday of a child whose jeugdhulp must go on as Wmo support. */
  adultOn?: string;
}

/** The first member is a parent who usually has a trajectory; the others are a partner or children, now and then in one. */
function plannedMember(rng: SeededRandom, index: number, registeredOn: string): PlannedMember {
  const role: MemberRole = index === 0 ? 'parent' : rng.pick(['partner', 'child', 'child'] as const);
  const withTrajectory = rng.chance(index === 0 ? 75 : 25);
  if (role === 'child') {
    if (withTrajectory) {
      const adultOn = plusDays(registeredOn, rng.int(120, 420));
      return { role, birthDate: LocalDate.parse(adultOn).minusYears(18).toString(), kind: 'youth-to-adult', adultOn };
    }
    return { role, birthDate: plusDays(registeredOn, -rng.int(365, 16 * 365)) };
  }
  return { role, birthDate: plusDays(registeredOn, -rng.int(20 * 365, 85 * 365)), kind: withTrajectory ? rng.pick(ADULT_KINDS) : undefined };
}
