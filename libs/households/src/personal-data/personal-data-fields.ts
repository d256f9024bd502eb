import { HouseholdEvent, HouseholdState, PersonDetails, Residence } from '@casusregie/domain';
import { isSealed, subjectOf } from './sealed-value';

/**
 * Whose personal data a value is: the key it is sealed under. A trajectory has a key of its own (its question and the
 * reasons typed on its steps), destroyed with its member's, so that sealing needs nothing but the event itself.
 * Addresses belong to everyone living there; a correction's free text to the household.
 */
export const dataSubject = {
  member: (memberId: string) => `member:${memberId}`,
  trajectory: (trajectoryId: string) => `trajectory:${trajectoryId}`,
  residence: (residenceId: string) => `residence:${residenceId}`,
  household: (householdId: string) => `household:${householdId}`,
};

export type PersonalValueTransform = (value: string, subject: string) => string;

/**
 * The event with each personal value (names, BSN, birth date, address, free text) replaced by `transform(value,
 * subject)`: how events are sealed before they are appended. Ids, codes and business dates stay readable, because
 * the figures are made of them.
 */
export function mapPersonalData(householdId: string, event: HouseholdEvent, transform: PersonalValueTransform): HouseholdEvent {
  const t = transform;
  switch (event.type) {
    case 'HouseholdRegistered':
      return {
        ...event,
        data: {
          ...event.data,
          residences: event.data.residences.map((r) => mapResidence(r, t)),
          members: event.data.members.map((m) => mapPerson(m, dataSubject.member(m.memberId), t)),
        },
      };
    case 'MemberAdded':
      return { ...event, data: { member: mapPerson(event.data.member, dataSubject.member(event.data.member.memberId), t) } };
    case 'PlanAgreed':
    case 'PlanRevised':
      return {
        ...event,
        data: { ...event.data, goals: event.data.goals.map((g) => ({ ...g, description: t(g.description, dataSubject.member(g.memberId)) })) },
      } as HouseholdEvent;
    case 'TrajectoryOpened':
      return { ...event, data: { ...event.data, question: t(event.data.question, dataSubject.trajectory(event.data.trajectoryId)) } };
    case 'ReferralDeclined':
    case 'ReferralWithdrawn':
    case 'SupportScaledUp':
    case 'SupportScaledDown':
    case 'TrajectoryReopened':
      return { ...event, data: { ...event.data, reason: t(event.data.reason, dataSubject.trajectory(event.data.trajectoryId)) } } as HouseholdEvent;
    case 'EventCorrected':
    case 'EventWithdrawn':
      return { ...event, data: { ...event.data, reason: t(event.data.reason, dataSubject.household(householdId)) } } as HouseholdEvent;
    default:
      return event;
  }
}

function mapPerson<P extends PersonDetails>(person: P, subject: string, t: PersonalValueTransform): P {
  return {
    ...person,
    givenName: t(person.givenName, subject),
    familyName: t(person.familyName, subject),
    birthDate: t(person.birthDate, subject),
    ...(person.bsn === undefined ? {} : { bsn: t(person.bsn, subject) }),
  };
}

function mapResidence(residence: Residence, t: PersonalValueTransform): Residence {
  const subject = dataSubject.residence(residence.residenceId);
  const mapped = { ...residence };
  for (const field of ['label', 'postcode', 'houseNumber'] as const) {
    const value = residence[field];
    if (value !== undefined) mapped[field] = t(value, subject);
  }
  return mapped;
}

/** The subjects whose keys sealing these events needs. */
export function subjectsToSeal(householdId: string, events: readonly HouseholdEvent[]): Set<string> {
  const subjects = new Set<string>();
  for (const event of events) {
    mapPersonalData(householdId, event, (value, subject) => {
      subjects.add(subject);
      return value;
    });
  }
  return subjects;
}

/** Walks stored event data (any shape, any schema version) for sealed values. */
export function mapSealedValues(data: unknown, open: (sealed: string) => string): unknown {
  if (isSealed(data)) return open(data);
  if (Array.isArray(data)) return data.map((item) => mapSealedValues(item, open));
  if (data !== null && typeof data === 'object') {
    return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, mapSealedValues(value, open)]));
  }
  return data;
}

export function sealedSubjectsIn(data: unknown, into = new Set<string>()): Set<string> {
  mapSealedValues(data, (sealed) => {
    into.add(subjectOf(sealed));
    return sealed;
  });
  return into;
}

/**
 * Whose keys go when a member's data is erased: the member's own, their trajectories', an address once nobody with
 * readable data lives there, and the household's corrections once every member is erased.
 */
export function subjectsErasedWith(state: HouseholdState, memberId: string): string[] {
  const erased = (m: { memberId: string; erasedOn?: string }) => m.memberId === memberId || m.erasedOn !== undefined;
  const residences = state.residences
    .filter((r) => state.members.filter((m) => m.residenceIds.includes(r.residenceId)).every(erased))
    .map((r) => dataSubject.residence(r.residenceId));
  return [
    dataSubject.member(memberId),
    ...state.trajectories.filter((t) => t.memberId === memberId).map((t) => dataSubject.trajectory(t.trajectoryId)),
    ...residences,
    ...(state.members.every(erased) ? [dataSubject.household(state.householdId)] : []),
  ];
}
