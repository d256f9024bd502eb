import { BusinessDate } from '../calendar/business-date';
import {
  AcceptReferral,
  AddMember,
  AssignCoordinator,
  ChangeSupportLevel,
  CloseTrajectory,
  CompleteTriage,
  CorrectEventDate,
  DeclineReferral,
  EndCare,
  EndWaakvlam,
  EstablishPip,
  MakeReferral,
  OpenTrajectory,
  RecordExploratoryConversationHeld,
  RecordIntake,
  ErasePersonalData,
  RecordMemberLeft,
  RecordWaakvlamContact,
  RegisterHousehold,
  ReopenTrajectory,
  RequestExploratoryConversation,
  SetPlan,
  StartCare,
  StartLearningRoute,
  StartWaakvlam,
  SuspendClock,
  WithdrawEvent,
  WithdrawReferral,
} from '../household/household-commands';
import {
  CareEnded,
  CareStarted,
  ClockSuspended,
  CoordinatorAssigned,
  EventCorrected,
  EventWithdrawn,
  ExploratoryConversationHeld,
  ExploratoryConversationRequested,
  HouseholdEvent,
  HouseholdRegistered,
  PersonalDataErased,
  IntakeHeld,
  LearningRouteStarted,
  MemberAdded,
  MemberDetails,
  MemberLeft,
  Organisation,
  PipAmended,
  PipEstablished,
  PlanAgreed,
  PlanGoal,
  PlanRevised,
  RecordedHouseholdEvent,
  ReferralAccepted,
  ReferralDeclined,
  ReferralMade,
  ReferralWithdrawn,
  Residence,
  SupportScaledDown,
  SupportScaledUp,
  TrajectoryClosed,
  TrajectoryOpened,
  TrajectoryReopened,
  TriageCompleted,
  WaakvlamContactRecorded,
  WaakvlamEnded,
  WaakvlamStarted,
} from '../household/household-events';
import {
  CareEndReason,
  ClosureReason,
  ExploratoryConversationOutcome,
  PipRoute,
  SupportLevel,
  SuspensionReason,
  TriageRoute,
  WaakvlamContactMode,
  WaakvlamContactOutcome,
} from '../household/vocabulary';

/**
 * Test data for the household decider: gezin Haddad of domain-research §6.1 (Zevenaar, GM0299, team T1), with
 * builders for its events and commands. Builders take the ids and the business date first and the rest as
 * overrides, so a test reads like the timeline of the scenario. All names and numbers are fictional; the BSNs
 * pass the elfproef.
 */

/** "Today" of the decision context; the same default as `givenHousehold`. */
export const TODAY: BusinessDate = '2026-11-23';
export const TOMORROW: BusinessDate = '2026-11-24';

export const HOUSEHOLD_ID = '5f1c8a2e-3b7d-4c1a-9e52-6d0f8b4a7c31';
export const MUNICIPALITY = 'GM0299';
export const TEAM = 'T1';
export const REGISTERED_ON: BusinessDate = '2026-01-14';

export const RESIDENCE: Residence = {
  residenceId: 'res-haddad',
  label: 'Haddad, Zevenaar',
  postcode: '6901 AB',
  houseNumber: '12',
};
export const SECOND_RESIDENCE: Residence = { residenceId: 'res-grandmother', label: 'adres oma' };

export const YUSUF: MemberDetails = {
  memberId: 'm-yusuf',
  givenName: 'Yusuf',
  familyName: 'Haddad',
  birthDate: '1996-05-02',
  bsn: '314159265',
  role: 'parent',
  residenceIds: [RESIDENCE.residenceId],
};
export const RANIA: MemberDetails = {
  memberId: 'm-rania',
  givenName: 'Rania',
  familyName: 'Haddad',
  birthDate: '1999-08-19',
  bsn: '271828183',
  role: 'parent',
  residenceIds: [RESIDENCE.residenceId],
};
export const OMAR: MemberDetails = {
  memberId: 'm-omar',
  givenName: 'Omar',
  familyName: 'Haddad',
  birthDate: '2018-03-11',
  bsn: '102020309',
  role: 'child',
  residenceIds: [RESIDENCE.residenceId],
};
export const LINA: MemberDetails = {
  memberId: 'm-lina',
  givenName: 'Lina',
  familyName: 'Haddad',
  birthDate: '2021-10-30',
  bsn: '203040508',
  role: 'child',
  residenceIds: [RESIDENCE.residenceId],
};
export const HADDAD_MEMBERS: MemberDetails[] = [YUSUF, RANIA, OMAR, LINA];
/** A fifth member who may join: Yusuf's mother, who comes to live with the family. */
export const SAMIRA: MemberDetails = {
  memberId: 'm-samira',
  givenName: 'Samira',
  familyName: 'Haddad',
  birthDate: '1968-02-07',
  bsn: '123456782',
  role: 'grandparent',
  residenceIds: [RESIDENCE.residenceId],
};

/** Trajectories of the scenario: the two inburgering tracks and Yusuf's GGZ support question. */
export const T_RANIA_INBURGERING = 'traj-rania-inburgering';
export const T_YUSUF_INBURGERING = 'traj-yusuf-inburgering';
export const T_YUSUF_GGZ = 'traj-yusuf-ggz';

export const COORDINATOR = { coordinatorId: 'u-ivanka', name: 'Ivanka de Wit' };
export const OTHER_COORDINATOR = { coordinatorId: 'u-bas', name: 'Bas Hendriks' };

export const GGNET: Organisation = { agbCode: '73730001', name: 'GGNet groepsinterventie statushouders' };
export const CALEIDOZ: Organisation = { name: 'Caleidoz welzijnscoach' };
export const R_GGNET = 'ref-ggnet';
export const R_CALEIDOZ = 'ref-caleidoz';

export const GOALS: PlanGoal[] = [
  { memberId: RANIA.memberId, lifeDomain: 'taal', description: 'B1-niveau halen binnen de inburgeringstermijn' },
  { memberId: YUSUF.memberId, lifeDomain: 'werk', description: 'Werkervaring opdoen als kok' },
];
export const REVISED_GOALS: PlanGoal[] = [
  ...GOALS,
  { memberId: YUSUF.memberId, lifeDomain: 'geestelijke-gezondheid', description: 'Overbrugging GGZ-wachttijd' },
  { memberId: LINA.memberId, lifeDomain: 'opvoeding', description: 'Kinderopvang zodat beide ouders kunnen inburgeren' },
];

/** Gives recorded ids to events, for corrections to name them: `recorded(['e-reg', registered()], …)`. */
export function recorded(...pairs: [string, HouseholdEvent][]): RecordedHouseholdEvent[] {
  return pairs.map(([eventId, event]) => ({ ...event, eventId }) as RecordedHouseholdEvent);
}

/** Event builders. */
export const ev = {
  householdRegistered: (on: BusinessDate = REGISTERED_ON, members: MemberDetails[] = HADDAD_MEMBERS): HouseholdRegistered => ({
    type: 'HouseholdRegistered',
    occurredOn: on,
    data: { householdId: HOUSEHOLD_ID, municipality: MUNICIPALITY, team: TEAM, residences: [RESIDENCE], members },
  }),
  memberAdded: (member: MemberDetails, on: BusinessDate): MemberAdded => ({ type: 'MemberAdded', occurredOn: on, data: { member } }),
  memberLeft: (memberId: string, on: BusinessDate): MemberLeft => ({ type: 'MemberLeft', occurredOn: on, data: { memberId } }),
  personalDataErased: (memberId: string, on: BusinessDate): PersonalDataErased => ({ type: 'PersonalDataErased', occurredOn: on, data: { memberId } }),
  coordinatorAssigned: (on: BusinessDate, coordinator = COORDINATOR): CoordinatorAssigned => ({
    type: 'CoordinatorAssigned',
    occurredOn: on,
    data: { ...coordinator },
  }),
  planAgreed: (on: BusinessDate, goals: PlanGoal[] = GOALS): PlanAgreed => ({
    type: 'PlanAgreed',
    occurredOn: on,
    data: { planVersion: 1, goals },
  }),
  planRevised: (planVersion: number, on: BusinessDate, goals: PlanGoal[] = REVISED_GOALS): PlanRevised => ({
    type: 'PlanRevised',
    occurredOn: on,
    data: { planVersion, goals },
  }),
  trajectoryOpened: (trajectoryId: string, on: BusinessDate, overrides: Partial<TrajectoryOpened['data']> = {}): TrajectoryOpened => ({
    type: 'TrajectoryOpened',
    occurredOn: on,
    data: { ...melding(trajectoryId), ...overrides },
  }),
  intakeHeld: (trajectoryId: string, on: BusinessDate): IntakeHeld => ({ type: 'IntakeHeld', occurredOn: on, data: { trajectoryId } }),
  triageCompleted: (trajectoryId: string, on: BusinessDate, level: SupportLevel, route: TriageRoute = 'regular'): TriageCompleted => ({
    type: 'TriageCompleted',
    occurredOn: on,
    data: { trajectoryId, level, route },
  }),
  exploratoryConversationRequested: (
    trajectoryId: string,
    on: BusinessDate,
    ggzWaitlistSince?: BusinessDate,
  ): ExploratoryConversationRequested => ({
    type: 'ExploratoryConversationRequested',
    occurredOn: on,
    data: ggzWaitlistSince === undefined ? { trajectoryId } : { trajectoryId, ggzWaitlistSince },
  }),
  exploratoryConversationHeld: (
    trajectoryId: string,
    on: BusinessDate,
    outcome: ExploratoryConversationOutcome = 'referral-follows',
  ): ExploratoryConversationHeld => ({ type: 'ExploratoryConversationHeld', occurredOn: on, data: { trajectoryId, outcome } }),
  referralMade: (
    trajectoryId: string,
    referralId: string,
    on: BusinessDate,
    overrides: Partial<Omit<ReferralMade['data'], 'trajectoryId' | 'referralId'>> = {},
  ): ReferralMade => ({
    type: 'ReferralMade',
    occurredOn: on,
    data: { trajectoryId, referralId, ...referralTo(referralId), ...overrides },
  }),
  referralAccepted: (trajectoryId: string, referralId: string, on: BusinessDate): ReferralAccepted => ({
    type: 'ReferralAccepted',
    occurredOn: on,
    data: { trajectoryId, referralId },
  }),
  referralDeclined: (trajectoryId: string, referralId: string, on: BusinessDate, reason = 'Geen plek in de groep'): ReferralDeclined => ({
    type: 'ReferralDeclined',
    occurredOn: on,
    data: { trajectoryId, referralId, reason },
  }),
  referralWithdrawn: (trajectoryId: string, referralId: string, on: BusinessDate, reason = 'Inwoner ziet ervan af'): ReferralWithdrawn => ({
    type: 'ReferralWithdrawn',
    occurredOn: on,
    data: { trajectoryId, referralId, reason },
  }),
  careStarted: (trajectoryId: string, referralId: string, on: BusinessDate): CareStarted => ({
    type: 'CareStarted',
    occurredOn: on,
    data: { trajectoryId, referralId },
  }),
  careEnded: (trajectoryId: string, referralId: string, on: BusinessDate, reasonCode: CareEndReason = '19'): CareEnded => ({
    type: 'CareEnded',
    occurredOn: on,
    data: { trajectoryId, referralId, reasonCode },
  }),
  supportScaledUp: (trajectoryId: string, on: BusinessDate, fromLevel: SupportLevel, toLevel: SupportLevel, reason = 'Meer steun nodig'): SupportScaledUp => ({
    type: 'SupportScaledUp',
    occurredOn: on,
    data: { trajectoryId, fromLevel, toLevel, reason },
  }),
  supportScaledDown: (
    trajectoryId: string,
    on: BusinessDate,
    fromLevel: SupportLevel,
    toLevel: SupportLevel,
    reason = 'Stabiel, terug naar het voorliggend veld',
  ): SupportScaledDown => ({ type: 'SupportScaledDown', occurredOn: on, data: { trajectoryId, fromLevel, toLevel, reason } }),
  waakvlamStarted: (trajectoryId: string, on: BusinessDate, contactIntervalDays = 28): WaakvlamStarted => ({
    type: 'WaakvlamStarted',
    occurredOn: on,
    data: { trajectoryId, contactIntervalDays },
  }),
  waakvlamContactRecorded: (
    trajectoryId: string,
    on: BusinessDate,
    mode: WaakvlamContactMode = 'phone',
    outcome: WaakvlamContactOutcome = 'stable',
  ): WaakvlamContactRecorded => ({ type: 'WaakvlamContactRecorded', occurredOn: on, data: { trajectoryId, mode, outcome } }),
  waakvlamEnded: (trajectoryId: string, on: BusinessDate): WaakvlamEnded => ({ type: 'WaakvlamEnded', occurredOn: on, data: { trajectoryId } }),
  pipEstablished: (trajectoryId: string, on: BusinessDate, route: PipRoute): PipEstablished => ({
    type: 'PipEstablished',
    occurredOn: on,
    data: { trajectoryId, route },
  }),
  pipAmended: (trajectoryId: string, on: BusinessDate, route: PipRoute): PipAmended => ({
    type: 'PipAmended',
    occurredOn: on,
    data: { trajectoryId, route },
  }),
  learningRouteStarted: (
    trajectoryId: string,
    languageStartDate: BusinessDate,
    participationStartDate: BusinessDate = languageStartDate,
  ): LearningRouteStarted => ({
    type: 'LearningRouteStarted',
    occurredOn: languageStartDate < participationStartDate ? languageStartDate : participationStartDate,
    data: { trajectoryId, languageStartDate, participationStartDate },
  }),
  trajectoryClosed: (trajectoryId: string, on: BusinessDate, reason: ClosureReason = 'goals-reached'): TrajectoryClosed => ({
    type: 'TrajectoryClosed',
    occurredOn: on,
    data: { trajectoryId, reason },
  }),
  trajectoryReopened: (trajectoryId: string, on: BusinessDate, reason = 'Nieuwe zorgen over de slaap'): TrajectoryReopened => ({
    type: 'TrajectoryReopened',
    occurredOn: on,
    data: { trajectoryId, reason },
  }),
  clockSuspended: (
    trajectoryId: string,
    suspensionId: string,
    from: BusinessDate,
    to: BusinessDate,
    reasonCode: SuspensionReason = 'awaiting-information-inwoner',
  ): ClockSuspended => ({ type: 'ClockSuspended', occurredOn: from, data: { trajectoryId, suspensionId, from, to, reasonCode } }),
  eventCorrected: (
    correctedEventId: string,
    correctedType: string,
    occurredOn: BusinessDate,
    on: BusinessDate,
    reason = 'Verkeerde datum ingevoerd',
  ): EventCorrected => ({ type: 'EventCorrected', occurredOn: on, data: { correctedEventId, correctedType, occurredOn, reason } }),
  eventWithdrawn: (withdrawnEventId: string, withdrawnType: string, on: BusinessDate, reason = 'Dubbel ingevoerd'): EventWithdrawn => ({
    type: 'EventWithdrawn',
    occurredOn: on,
    data: { withdrawnEventId, withdrawnType, reason },
  }),
};

/** The default melding of each scenario trajectory (any other id gets Rania's inburgering melding). */
export function melding(trajectoryId: string): TrajectoryOpened['data'] {
  if (trajectoryId === T_YUSUF_GGZ) {
    return {
      trajectoryId,
      memberId: YUSUF.memberId,
      source: 'huisarts',
      channel: 'warm-handover',
      question: 'Slaapproblemen en herbelevingen; wacht op GGZ',
      lifeDomains: ['geestelijke-gezondheid'],
      legalBasis: 'wmo-2015',
    };
  }
  return {
    trajectoryId,
    memberId: trajectoryId === T_YUSUF_INBURGERING ? YUSUF.memberId : RANIA.memberId,
    source: 'other',
    channel: 'warm-handover',
    question: 'Inburgering onder de Wet inburgering 2021',
    lifeDomains: ['taal', 'participatie'],
    legalBasis: 'wet-inburgering-2021',
  };
}

/** The default referral target: GGNet (lichtere zorg) for R_GGNET, the Caleidoz welzijnscoach otherwise. */
export function referralTo(referralId: string): Omit<ReferralMade['data'], 'trajectoryId' | 'referralId'> {
  return referralId === R_GGNET
    ? { organisation: GGNET, category: 'lichtere-zorg', productCode: '45A49', warmHandover: true, referrerRole: 'sociaal-team' }
    : { organisation: CALEIDOZ, category: 'voorliggend-veld', warmHandover: false, referrerRole: 'sociaal-team' };
}

/** Command builders, mirroring the event builders. */
export const cmd = {
  registerHousehold: (on: BusinessDate = REGISTERED_ON, overrides: Partial<Omit<RegisterHousehold, 'type'>> = {}): RegisterHousehold => ({
    type: 'RegisterHousehold',
    occurredOn: on,
    householdId: HOUSEHOLD_ID,
    municipality: MUNICIPALITY,
    team: TEAM,
    residences: [RESIDENCE],
    members: HADDAD_MEMBERS,
    ...overrides,
  }),
  addMember: (member: MemberDetails, on: BusinessDate): AddMember => ({ type: 'AddMember', occurredOn: on, member }),
  recordMemberLeft: (memberId: string, on: BusinessDate): RecordMemberLeft => ({ type: 'RecordMemberLeft', occurredOn: on, memberId }),
  erasePersonalData: (memberId: string, on: BusinessDate = TODAY): ErasePersonalData => ({ type: 'ErasePersonalData', occurredOn: on, memberId }),
  assignCoordinator: (on: BusinessDate, coordinator = COORDINATOR): AssignCoordinator => ({
    type: 'AssignCoordinator',
    occurredOn: on,
    ...coordinator,
  }),
  setPlan: (on: BusinessDate, goals: PlanGoal[] = GOALS): SetPlan => ({ type: 'SetPlan', occurredOn: on, goals }),
  openTrajectory: (trajectoryId: string, on: BusinessDate, overrides: Partial<TrajectoryOpened['data']> = {}): OpenTrajectory => ({
    type: 'OpenTrajectory',
    occurredOn: on,
    ...melding(trajectoryId),
    ...overrides,
  }),
  recordIntake: (trajectoryId: string, on: BusinessDate): RecordIntake => ({ type: 'RecordIntake', occurredOn: on, trajectoryId }),
  completeTriage: (trajectoryId: string, on: BusinessDate, level: SupportLevel, route: TriageRoute = 'regular'): CompleteTriage => ({
    type: 'CompleteTriage',
    occurredOn: on,
    trajectoryId,
    level,
    route,
  }),
  requestExploratoryConversation: (
    trajectoryId: string,
    on: BusinessDate,
    ggzWaitlistSince?: BusinessDate,
  ): RequestExploratoryConversation => ({ type: 'RequestExploratoryConversation', occurredOn: on, trajectoryId, ggzWaitlistSince }),
  recordExploratoryConversationHeld: (
    trajectoryId: string,
    on: BusinessDate,
    outcome: ExploratoryConversationOutcome = 'referral-follows',
  ): RecordExploratoryConversationHeld => ({ type: 'RecordExploratoryConversationHeld', occurredOn: on, trajectoryId, outcome }),
  makeReferral: (
    trajectoryId: string,
    referralId: string,
    on: BusinessDate,
    overrides: Partial<Omit<MakeReferral, 'type' | 'trajectoryId' | 'referralId' | 'occurredOn'>> = {},
  ): MakeReferral => ({ type: 'MakeReferral', occurredOn: on, trajectoryId, referralId, ...referralTo(referralId), ...overrides }),
  acceptReferral: (trajectoryId: string, referralId: string, on: BusinessDate): AcceptReferral => ({
    type: 'AcceptReferral',
    occurredOn: on,
    trajectoryId,
    referralId,
  }),
  declineReferral: (trajectoryId: string, referralId: string, on: BusinessDate, reason = 'Geen plek in de groep'): DeclineReferral => ({
    type: 'DeclineReferral',
    occurredOn: on,
    trajectoryId,
    referralId,
    reason,
  }),
  withdrawReferral: (trajectoryId: string, referralId: string, on: BusinessDate, reason = 'Inwoner ziet ervan af'): WithdrawReferral => ({
    type: 'WithdrawReferral',
    occurredOn: on,
    trajectoryId,
    referralId,
    reason,
  }),
  startCare: (trajectoryId: string, referralId: string, on: BusinessDate): StartCare => ({ type: 'StartCare', occurredOn: on, trajectoryId, referralId }),
  endCare: (trajectoryId: string, referralId: string, on: BusinessDate, reasonCode: CareEndReason = '19'): EndCare => ({
    type: 'EndCare',
    occurredOn: on,
    trajectoryId,
    referralId,
    reasonCode,
  }),
  changeSupportLevel: (trajectoryId: string, on: BusinessDate, toLevel: SupportLevel, reason = 'Situatie gewijzigd'): ChangeSupportLevel => ({
    type: 'ChangeSupportLevel',
    occurredOn: on,
    trajectoryId,
    toLevel,
    reason,
  }),
  startWaakvlam: (trajectoryId: string, on: BusinessDate, contactIntervalDays = 28): StartWaakvlam => ({
    type: 'StartWaakvlam',
    occurredOn: on,
    trajectoryId,
    contactIntervalDays,
  }),
  recordWaakvlamContact: (
    trajectoryId: string,
    on: BusinessDate,
    mode: WaakvlamContactMode = 'phone',
    outcome: WaakvlamContactOutcome = 'stable',
  ): RecordWaakvlamContact => ({ type: 'RecordWaakvlamContact', occurredOn: on, trajectoryId, mode, outcome }),
  endWaakvlam: (trajectoryId: string, on: BusinessDate): EndWaakvlam => ({ type: 'EndWaakvlam', occurredOn: on, trajectoryId }),
  establishPip: (trajectoryId: string, on: BusinessDate, route: PipRoute): EstablishPip => ({
    type: 'EstablishPip',
    occurredOn: on,
    trajectoryId,
    route,
  }),
  /** The command's own `occurredOn` is the day it is entered; the decider uses the two start dates instead. */
  startLearningRoute: (
    trajectoryId: string,
    languageStartDate: BusinessDate,
    participationStartDate: BusinessDate = languageStartDate,
    enteredOn: BusinessDate = TODAY,
  ): StartLearningRoute => ({ type: 'StartLearningRoute', occurredOn: enteredOn, trajectoryId, languageStartDate, participationStartDate }),
  closeTrajectory: (trajectoryId: string, on: BusinessDate, reason: ClosureReason = 'goals-reached'): CloseTrajectory => ({
    type: 'CloseTrajectory',
    occurredOn: on,
    trajectoryId,
    reason,
  }),
  reopenTrajectory: (trajectoryId: string, on: BusinessDate, reason = 'Nieuwe zorgen over de slaap'): ReopenTrajectory => ({
    type: 'ReopenTrajectory',
    occurredOn: on,
    trajectoryId,
    reason,
  }),
  /** The command's own `occurredOn` is the day it is entered; the suspension is dated on its first day. */
  suspendClock: (
    trajectoryId: string,
    suspensionId: string,
    from: BusinessDate,
    to: BusinessDate,
    overrides: Partial<Pick<SuspendClock, 'reasonCode' | 'normIds'>> = {},
  ): SuspendClock => ({
    type: 'SuspendClock',
    occurredOn: TODAY,
    trajectoryId,
    suspensionId,
    from,
    to,
    reasonCode: 'awaiting-information-inwoner',
    ...overrides,
  }),
  correctEventDate: (eventId: string, correctedOccurredOn: BusinessDate, on: BusinessDate = TODAY, reason = 'Verkeerde datum ingevoerd'): CorrectEventDate => ({
    type: 'CorrectEventDate',
    occurredOn: on,
    eventId,
    correctedOccurredOn,
    reason,
  }),
  withdrawEvent: (eventId: string, on: BusinessDate = TODAY, reason = 'Dubbel ingevoerd'): WithdrawEvent => ({
    type: 'WithdrawEvent',
    occurredOn: on,
    eventId,
    reason,
  }),
};

/** Histories of gezin Haddad (§6.1), each building on the one before. */
export const haddad = {
  registered: (): HouseholdEvent[] => [ev.householdRegistered()],
  /** Rania's inburgering trajectory, opened at registration and past the brede intake. */
  withRaniaInburgering: (): HouseholdEvent[] => [
    ev.householdRegistered(),
    ev.coordinatorAssigned(REGISTERED_ON),
    ev.trajectoryOpened(T_RANIA_INBURGERING, REGISTERED_ON),
    ev.intakeHeld(T_RANIA_INBURGERING, '2026-01-21'),
  ],
  /** Rania's PIP (route B1) is vastgesteld on 2026-02-16; K1 deadline 2026-04-16. */
  withRaniaPip: (): HouseholdEvent[] => [...haddad.withRaniaInburgering(), ev.pipEstablished(T_RANIA_INBURGERING, '2026-02-16', 'B1')],
  /** Yusuf's GGZ support question: melding by the huisarts on 2026-04-15, triage to L1 on 2026-04-20. */
  withYusufGgz: (): HouseholdEvent[] => [
    ev.householdRegistered(),
    ev.coordinatorAssigned(REGISTERED_ON),
    ev.trajectoryOpened(T_YUSUF_GGZ, '2026-04-15'),
    ev.triageCompleted(T_YUSUF_GGZ, '2026-04-20', 'L1'),
  ],
  /** …and the verkennend gesprek: on the GGZ waiting list since 04-22, requested 04-24, held 05-06. */
  withYusufExplored: (): HouseholdEvent[] => [
    ...haddad.withYusufGgz(),
    ev.exploratoryConversationRequested(T_YUSUF_GGZ, '2026-04-24', '2026-04-22'),
    ev.exploratoryConversationHeld(T_YUSUF_GGZ, '2026-05-06'),
  ],
  /** …and the referral to the GGNet group intervention on 2026-05-15. */
  withGgnetReferral: (): HouseholdEvent[] => [...haddad.withYusufExplored(), ev.referralMade(T_YUSUF_GGZ, R_GGNET, '2026-05-15')],
};
