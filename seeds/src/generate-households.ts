import { randomUUID } from 'node:crypto';
import { LocalDate } from '@js-joda/core';
import { decide, DomainError, evolve, HouseholdCommand, HouseholdState, initialHouseholdState } from '@casusregie/domain';
import { EventStore } from '@casusregie/event-store';
import { HouseholdRepository } from '@casusregie/households';
import { LOCAL_ORGANISATIONS, REGIONAL_PROVIDERS } from './regional-providers';
import { SeededRandom } from './seeded-random';

export interface GenerateOptions {
  households: number;
  seed: number;
  municipality?: string;
  /** The generator's "today": no step is dated after it. */
  today?: string;
  /** Called after each household with the number of events written so far. */
  onProgress?: (households: number, events: number) => void;
}

const GIVEN_NAMES = ['Sanne', 'Mark', 'Noa', 'Daan', 'Fatima', 'Mohammed', 'Lotte', 'Jan', 'Emma', 'Sem', 'Ayşe', 'Yusuf', 'Lina', 'Omar'];
const FAMILY_NAMES = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Haddad', 'Yılmaz', 'El Amrani', 'van Dijk'];

/**
 * Writes realistic household histories through the real command path (the domain's decide, then an append at the
 * decided version), so every generated event is one the API could have recorded. Deterministic for a seed: the same
 * seed writes the same facts (ids and recording instants differ, dates and choices do not).
 *
 * Histories mix the trajectory kinds of the sources: Wmo support with triage and referrals, GGZ waiting list with a
 * verkennend gesprek, inburgering with PIP and learning route, youth care moving to adult support, and waakvlam
 * after maatwerk; delays are spread around each norm so that some items breach.
 */
export async function generateHouseholds(eventStore: EventStore, options: GenerateOptions): Promise<{ households: number; events: number }> {
  const rng = new SeededRandom(options.seed);
  const int = (from: number, to: number) => rng.int(from, to);
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)];
  const chance = (percent: number) => int(1, 100) <= percent;
  const today = options.today ?? '2026-11-23';
  const municipality = options.municipality ?? 'GM0299';
  const repository = new HouseholdRepository(eventStore);
  const id = () => uuidFrom(rng);
  let events = 0;

  for (let h = 0; h < options.households; h++) {
    const householdId = id();
    let state: HouseholdState = initialHouseholdState();
    let version = 0;
    const lastDay = LocalDate.parse(today);
    const registeredOn = LocalDate.parse('2025-01-01').plusDays(int(0, 600));
    if (registeredOn.isAfter(lastDay)) continue;
    const day = (offset: number) => registeredOn.plusDays(offset).toString();

    /** Decides and appends one command; a command the rules refuse (a date past today, say) is skipped. */
    const run = async (command: HouseholdCommand): Promise<string[]> => {
      if (command.occurredOn > today) return [];
      let decided;
      try {
        decided = decide(command, state, { today });
      } catch (error) {
        if (error instanceof DomainError) return [];
        throw error;
      }
      const stored = await repository.append(householdId, decided, version, {
        actor: { id: 'seed-generator', role: 'consultant' },
        municipality,
        correlationId: randomUUID(),
      });
      for (const event of stored) state = evolve(state, { eventId: event.eventId, type: event.type, occurredOn: event.occurredOn, data: event.data } as never);
      version = stored[stored.length - 1].streamVersion;
      events += stored.length;
      return stored.map((event) => event.eventId);
    };

    const family = pick(FAMILY_NAMES);
    const residenceId = id();
    const members = Array.from({ length: int(1, 4) }, (_, i) => ({
      memberId: id(),
      givenName: pick(GIVEN_NAMES),
      familyName: family,
      birthDate: LocalDate.parse('1950-01-01').plusDays(int(0, 25_000)).toString(),
      role: (i === 0 ? 'parent' : pick(['partner', 'child', 'child', 'other'])) as never,
      residenceIds: [residenceId],
    }));
    await run({
      type: 'RegisterHousehold',
      occurredOn: day(0),
      householdId,
      municipality,
      team: pick(['T1', 'T2', 'T3']),
      residences: [{ residenceId }],
      members,
    });
    await run({ type: 'AssignCoordinator', occurredOn: day(0), coordinatorId: `consultant-${int(1, 12)}`, name: 'Consulent' });

    let offset = int(0, 20);
    for (const member of members) {
      if (!chance(70)) continue;
      const trajectoryId = id();
      const kind = pick(['wmo', 'wmo', 'ggz', 'inburgering', 'jeugd', 'waakvlam'] as const);
      const at = (days: number) => day((offset += days));
      const legalBasis = kind === 'inburgering' ? 'wet-inburgering-2021' : kind === 'jeugd' ? 'jeugdwet' : 'wmo-2015';
      await run({
        type: 'OpenTrajectory',
        occurredOn: at(int(0, 30)),
        trajectoryId,
        memberId: member.memberId,
        source: pick(['self', 'huisarts', 'wijk-ggd', 'school', 'police', 'provider', 'other'] as const),
        channel: pick(['phone', 'email', 'in-person', 'portal'] as const),
        question: 'Ondersteuningsvraag',
        lifeDomains: [pick(['wonen', 'inkomen', 'relaties', 'dagbesteding', 'geestelijke-gezondheid'] as const)],
        legalBasis,
      });
      if (chance(85)) await run({ type: 'RecordIntake', trajectoryId, occurredOn: at(int(0, 21)) });

      const referTo = async (days: number, maatwerk: boolean, referrerRole = 'sociaal-team') => {
        const referralId = id();
        const organisation = maatwerk ? pick(REGIONAL_PROVIDERS) : pick(LOCAL_ORGANISATIONS);
        const category = maatwerk ? 'maatwerk' : (organisation as (typeof LOCAL_ORGANISATIONS)[number]).category;
        const [eventId] = await run({
          type: 'MakeReferral',
          occurredOn: at(days),
          trajectoryId,
          referralId,
          organisation: { ...('agbCode' in organisation ? { agbCode: organisation.agbCode } : {}), name: organisation.name },
          category: category as never,
          warmHandover: chance(60),
          referrerRole: referrerRole as never,
        });
        if (eventId === undefined) return undefined;
        if (chance(8)) {
          // Entered twice by mistake, then taken back.
          const [duplicate] = await run({
            type: 'MakeReferral',
            occurredOn: at(0),
            trajectoryId,
            referralId: id(),
            organisation: { name: organisation.name },
            category: category as never,
            warmHandover: false,
            referrerRole: referrerRole as never,
          });
          if (duplicate) await run({ type: 'WithdrawEvent', occurredOn: at(int(1, 7)), eventId: duplicate, reason: 'Dubbel ingevoerd' });
        }
        if (chance(85)) {
          await run({ type: 'AcceptReferral', trajectoryId, referralId, occurredOn: at(int(0, 10)) });
          if (chance(85)) await run({ type: 'StartCare', trajectoryId, referralId, occurredOn: at(int(2, 45)) });
        } else if (chance(50)) {
          await run({ type: 'DeclineReferral', trajectoryId, referralId, occurredOn: at(int(1, 10)), reason: 'Geen plek' });
        }
        return referralId;
      };

      switch (kind) {
        case 'wmo':
        case 'jeugd': {
          await run({ type: 'CompleteTriage', trajectoryId, occurredOn: at(int(1, 50)), level: pick(['L1', 'L2', 'L3'] as const), route: 'regular' });
          const referralId = await referTo(int(1, 20), chance(50), chance(10) ? 'wijk-ggd' : 'sociaal-team');
          if (referralId && chance(40)) {
            await run({ type: 'EndCare', trajectoryId, referralId, occurredOn: at(int(60, 200)), reasonCode: pick(['19', '23', '31'] as const) });
          }
          break;
        }
        case 'ggz': {
          await run({
            type: 'RequestExploratoryConversation',
            trajectoryId,
            occurredOn: at(int(0, 10)),
            ggzWaitlistSince: chance(60) ? at(0) : undefined,
          });
          const concluded = chance(10);
          await run({
            type: 'RecordExploratoryConversationHeld',
            trajectoryId,
            occurredOn: at(int(5, 20)),
            outcome: concluded ? 'concluded-without-referral' : 'referral-follows',
          });
          if (!concluded) await referTo(int(2, 25), false);
          break;
        }
        case 'inburgering': {
          await run({ type: 'EstablishPip', trajectoryId, occurredOn: at(int(5, 40)), route: pick(['B1', 'Z', 'onderwijs'] as const) });
          if (chance(10)) await run({ type: 'EstablishPip', trajectoryId, occurredOn: at(int(1, 14)), route: 'Z' });
          const start = at(int(20, 75));
          await run({ type: 'StartLearningRoute', trajectoryId, occurredOn: start, languageStartDate: start, participationStartDate: start });
          break;
        }
        case 'waakvlam': {
          await run({ type: 'CompleteTriage', trajectoryId, occurredOn: at(int(1, 20)), level: 'L3', route: 'regular' });
          const referralId = await referTo(int(1, 10), true);
          if (referralId) await run({ type: 'EndCare', trajectoryId, referralId, occurredOn: at(int(60, 180)), reasonCode: '19' });
          await run({ type: 'ChangeSupportLevel', trajectoryId, occurredOn: at(0), toLevel: 'L1', reason: 'Afschaling na maatwerk' });
          const interval = pick([28, 42, 56]);
          await run({ type: 'StartWaakvlam', trajectoryId, occurredOn: at(int(0, 5)), contactIntervalDays: interval });
          for (let c = 0; c < int(1, 5); c++) {
            await run({ type: 'RecordWaakvlamContact', trajectoryId, occurredOn: at(int(interval - 10, interval + 15)), mode: 'phone', outcome: pick(['stable', 'stable', 'concern'] as const) });
          }
          if (chance(50)) await run({ type: 'EndWaakvlam', trajectoryId, occurredOn: at(int(10, 60)) });
          break;
        }
      }
      if (chance(5)) {
        const intake = state.effectiveEvents.find((event) => event.type === 'IntakeHeld');
        if (intake) await run({ type: 'CorrectEventDate', occurredOn: at(1), eventId: intake.eventId, correctedOccurredOn: intake.occurredOn, reason: 'x' });
      }
      if (chance(30)) await run({ type: 'CloseTrajectory', trajectoryId, occurredOn: at(int(5, 90)), reason: pick(['goals-reached', 'stable', 'moved-away'] as const) });
    }
    options.onProgress?.(h + 1, events);
  }
  return { households: options.households, events };
}

/** A version-4-shaped UUID drawn from the generator, so that the same seed gives the same ids of people and cases. */
function uuidFrom(rng: SeededRandom): string {
  const hex = Array.from({ length: 8 }, () => rng.int(0, 0xffff).toString(16).padStart(4, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
