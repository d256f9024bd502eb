import { randomBytes } from 'node:crypto';
import { HouseholdEvent } from '@casusregie/domain';
import {
  COORDINATOR,
  ev,
  GOALS,
  HADDAD_MEMBERS,
  HOUSEHOLD_ID,
  RESIDENCE,
  R_GGNET,
  T_YUSUF_GGZ,
  YUSUF,
} from '@casusregie/domain/testing/household-fixtures';
import { Keyring } from './keyring';
import { mapPersonalData, openPersonalData, PERSONAL_DATA_MAP, PersonalDataMap, PLAIN, subjectsToSeal } from './personal-data-fields';

/** One of every event that carries personal data, as decide() makes them. */
const HISTORY: HouseholdEvent[] = [
  ev.householdRegistered(),
  ev.coordinatorAssigned('2026-01-14'),
  ev.planAgreed('2026-01-20'),
  ev.trajectoryOpened(T_YUSUF_GGZ, '2026-04-15', { question: 'Slaapproblemen en herbelevingen' }),
  ev.referralMade(T_YUSUF_GGZ, R_GGNET, '2026-05-15'),
  ev.referralDeclined(T_YUSUF_GGZ, R_GGNET, '2026-05-20', 'Geen plek in de groep'),
  ev.supportScaledUp(T_YUSUF_GGZ, '2026-05-21', 'L1', 'L2', 'Meer steun nodig'),
];
const PERSONAL_VALUES = [
  ...HADDAD_MEMBERS.flatMap((m) => [m.givenName, m.birthDate, m.bsn as string]),
  'Haddad',
  RESIDENCE.label as string,
  RESIDENCE.postcode as string,
  COORDINATOR.name,
  ...GOALS.map((g) => g.description),
  'Slaapproblemen en herbelevingen',
  'Geen plek in de groep',
  'Meer steun nodig',
];

function sealedHistory() {
  const keys = new Map([...subjectsToSeal(HOUSEHOLD_ID, HISTORY).keys()].map((subject) => [subject, randomBytes(32)] as const));
  const keyring = new Keyring(keys);
  const sealed = HISTORY.map((event) => mapPersonalData(HOUSEHOLD_ID, event, (value, subject, field) => keyring.seal(value, subject, field)));
  const open = (event: HouseholdEvent) => openPersonalData(HOUSEHOLD_ID, event, (value, field) => keyring.open(value, field));
  return { sealed, open };
}

describe('the map of personal fields', () => {
  it('seals every name, BSN, birth date, address, free text and the casusregisseur’s name, and opens them again', () => {
    const { sealed, open } = sealedHistory();
    const stored = JSON.stringify(sealed);
    for (const value of PERSONAL_VALUES) expect({ value, stored: stored.includes(value) }).toEqual({ value, stored: false });
    // Ids, codes and dates stay readable: the figures are made of them.
    expect(stored).toContain(YUSUF.memberId);
    expect(stored).toContain('"coordinatorId":"u-ivanka"');
    expect(stored).toContain('"occurredOn":"2026-05-15"');
    expect(sealed.map(open)).toEqual(HISTORY);
  });

  it('binds each value to its field: copied into the family name, a question or another event’s reason, it does not open', () => {
    const { sealed, open } = sealedHistory();
    const registered = sealed[0] as Extract<HouseholdEvent, { type: 'HouseholdRegistered' }>;
    const yusuf = registered.data.members.find((m) => m.memberId === YUSUF.memberId)!;
    const namesSwapped = { ...registered, data: { ...registered.data, members: [{ ...yusuf, familyName: yusuf.givenName }] } };
    expect(() => open(namesSwapped)).toThrow();

    const opened = sealed[3] as Extract<HouseholdEvent, { type: 'TrajectoryOpened' }>;
    const declined = sealed[5] as Extract<HouseholdEvent, { type: 'ReferralDeclined' }>;
    const scaledUp = sealed[6] as Extract<HouseholdEvent, { type: 'SupportScaledUp' }>;
    // Same subject (the trajectory), other field.
    expect(() => open({ ...scaledUp, data: { ...scaledUp.data, reason: declined.data.reason } })).toThrow();
    expect(() => open({ ...declined, data: { ...declined.data, reason: opened.data.question } })).toThrow();
    expect(open(scaledUp)).toEqual(HISTORY[6]);
  });

  it('leaves an event type it does not know as it is (one appended by hand, say)', () => {
    const stray = { type: 'SomethingElse', occurredOn: '2026-01-01', data: { note: 'pd2:member:x:AAAA' } } as unknown as HouseholdEvent;
    expect(mapPersonalData(HOUSEHOLD_ID, stray, () => 'changed')).toBe(stray);
    const proto = { type: 'constructor', occurredOn: '2026-01-01', data: {} } as unknown as HouseholdEvent;
    expect(mapPersonalData(HOUSEHOLD_ID, proto, () => 'changed')).toBe(proto);
  });

  /**
   * Checked by the compiler (`npm run typecheck`), not at run time: each `@ts-expect-error` below fails the type
   * check when the line under it compiles, i.e. when the map stopped being exhaustive.
   */
  it('does not compile without an entry for every event type and every text field', () => {
    type NoteAdded = { type: 'NoteAdded'; occurredOn: string; data: { trajectoryId: string; note: string; urgent: boolean } };
    type WithNote = HouseholdEvent | NoteAdded;

    // @ts-expect-error A new event type without an entry in the map.
    const missingType: PersonalDataMap<WithNote> = PERSONAL_DATA_MAP;
    // @ts-expect-error An entry that does not say how the free-text `note` is kept.
    const missingField: PersonalDataMap<WithNote> = { ...PERSONAL_DATA_MAP, NoteAdded: { trajectoryId: PLAIN } };
    // Saying it is enough (here: plain, which a review would question; `urgent`, a boolean, needs no word).
    const complete: PersonalDataMap<WithNote> = { ...PERSONAL_DATA_MAP, NoteAdded: { trajectoryId: PLAIN, note: PLAIN } };

    // A new text field in an existing event type (a member's nickname) must be declared too.
    type Nicknamed = Exclude<HouseholdEvent, { type: 'MemberAdded' }> | { type: 'MemberAdded'; occurredOn: string; data: { member: (typeof YUSUF) & { nickname: string } } };
    // @ts-expect-error MemberAdded's member has a `nickname` the map does not mention.
    const missingNested: PersonalDataMap<Nicknamed> = PERSONAL_DATA_MAP;

    expect([missingType, missingField, complete, missingNested]).toHaveLength(4);
  });
});
