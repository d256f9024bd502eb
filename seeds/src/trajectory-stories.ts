import { CareEndReason, LegalBasis, LifeDomain, MeldingChannel, MeldingSource, ReferralCategory, ReferrerRole } from '@casusregie/domain';
import { HouseholdWriter } from './household-writer';
import { LOCAL_ORGANISATIONS, REGIONAL_PROVIDERS } from './regional-providers';
import { SeededRandom } from './seeded-random';
import { plusDays, Timeline } from './timeline';

/** The kinds of trajectory the sources describe (domain-research §2 and §6), each a story of its own below. */
export const TRAJECTORY_KINDS = ['wmo', 'ggz', 'inburgering', 'youth-to-adult', 'waakvlam-after-maatwerk'] as const;
export type TrajectoryKind = (typeof TRAJECTORY_KINDS)[number];

/** One member's trajectory being written: its writer, its random source, and the dates it has reached. */
export interface TrajectoryStory {
  writer: HouseholdWriter;
  rng: SeededRandom;
  memberId: string;
  /** Where the melding falls. */
  dates: Timeline;
  /** For youth-to-adult: the member's 18th birthday. */
  adultOn?: string;
}

/**
 * Writes one trajectory of the given kind. Delays are drawn around each norm's term (melding → intake 14 days,
 * Wmo onderzoek 6 weeks, verkennend gesprek 28 days, PIP → leerroute 2 months, provider answer 5 working days,
 * waakvlam contact interval) so that most items are on time and some breach.
 */
export async function writeTrajectory(kind: TrajectoryKind, story: TrajectoryStory): Promise<void> {
  const stories: Record<TrajectoryKind, (story: TrajectoryStory) => Promise<void>> = {
    wmo: writeWmo,
    ggz: writeGgzWaitingList,
    inburgering: writeInburgering,
    'youth-to-adult': writeYouthToAdult,
    'waakvlam-after-maatwerk': writeWaakvlamAfterMaatwerk,
  };
  await stories[kind](story);
}

/** Wmo support: triage, then a referral to the sociale basis, or maatwerk at a regional provider at level L3. */
async function writeWmo(story: TrajectoryStory): Promise<void> {
  const { writer, rng, dates } = story;
  const trajectoryId = await open(story, {
    legalBasis: 'wmo-2015',
    source: rng.pick(['self', 'huisarts', 'wijk-ggd', 'provider', 'other'] as const),
    question: rng.pick(['Hulp bij het huishouden', 'Begeleiding bij dagstructuur', 'Vervoer naar dagbesteding', 'Woningaanpassing']),
    lifeDomains: [rng.pick(['zelfredzaamheid', 'wonen', 'dagbesteding', 'sociaal-netwerk'] as const)],
  });
  await intake(story, trajectoryId);
  const level = rng.pick(['L1', 'L2', 'L3'] as const);
  await writer.run({ type: 'CompleteTriage', trajectoryId, occurredOn: dates.after(rng.int(1, 40)), level, route: 'regular' });
  const referral = await refer(story, trajectoryId, {
    maatwerk: level === 'L3',
    referrerRole: rng.chance(10) ? 'wijk-ggd' : 'sociaal-team',
  });
  if (referral && rng.chance(40)) await endCare(story, trajectoryId, referral, rng.pick(['19', '23', '31'] as const));
  await maybeClose(story, trajectoryId, 30);
}

/** GGZ waiting list: a verkennend gesprek (K2), then passende ondersteuning or lichtere zorg, or nothing follows. */
async function writeGgzWaitingList(story: TrajectoryStory): Promise<void> {
  const { writer, rng, dates } = story;
  const trajectoryId = await open(story, {
    legalBasis: 'wmo-2015',
    source: rng.pick(['huisarts', 'huisarts', 'self', 'wijk-ggd'] as const),
    question: rng.pick(['Staat op de GGZ-wachtlijst', 'Somberheid, wacht op behandeling', 'Angstklachten; overbrugging gevraagd']),
    lifeDomains: ['geestelijke-gezondheid'],
  });
  await intake(story, trajectoryId);
  const waitlistSince = rng.chance(60) ? dates.date : undefined;
  await writer.run({ type: 'RequestExploratoryConversation', trajectoryId, occurredOn: dates.after(rng.int(0, 10)), ggzWaitlistSince: waitlistSince });
  if (rng.chance(25)) {
    await writer.run({ type: 'RestrictTrajectory', trajectoryId, occurredOn: dates.date, reason: 'ggz', restrictedBy: coordinatorOf(writer) });
  }
  const concluded = rng.chance(10);
  await writer.run({
    type: 'RecordExploratoryConversationHeld',
    trajectoryId,
    occurredOn: dates.after(rng.int(5, 20)),
    outcome: concluded ? 'concluded-without-referral' : 'referral-follows',
  });
  if (!concluded) await refer(story, trajectoryId, { maatwerk: false, referrerRole: 'sociaal-team', afterDays: rng.int(2, 25) });
  await maybeClose(story, trajectoryId, 30);
}

/** Inburgering: the PIP (sometimes amended, which does not restart the clock), then the learning route (K1). */
async function writeInburgering(story: TrajectoryStory): Promise<void> {
  const { writer, rng, dates } = story;
  const trajectoryId = await open(story, {
    legalBasis: 'wet-inburgering-2021',
    source: 'other',
    channel: 'warm-handover',
    question: 'Inburgeringsplichtig: brede intake en PIP',
    lifeDomains: ['taal', 'participatie'],
  });
  await intake(story, trajectoryId);
  const route = rng.pick(['B1', 'Z', 'onderwijs'] as const);
  await writer.run({ type: 'EstablishPip', trajectoryId, occurredOn: dates.after(rng.int(5, 40)), route });
  if (rng.chance(10)) await writer.run({ type: 'EstablishPip', trajectoryId, occurredOn: dates.after(rng.int(1, 14)), route: route === 'Z' ? 'B1' : 'Z' });
  const start = dates.after(rng.int(20, 70));
  // Taal and participatie usually start together; sometimes participatie follows.
  const participation = rng.chance(80) ? start : plusDays(start, rng.int(1, 30));
  await writer.run({ type: 'StartLearningRoute', trajectoryId, occurredOn: start, languageStartDate: start, participationStartDate: participation });
  await maybeClose(story, trajectoryId, 20);
}

/**
 * Jeugdhulp that must go on after 18: the Jeugdwet care ends the day before the birthday, a Wmo trajectory opened
 * some months before takes over, and its care starts on the birthday or some days after (the 18-/18+ gap).
 */
async function writeYouthToAdult(story: TrajectoryStory): Promise<void> {
  const { writer, rng, dates } = story;
  const adultOn = story.adultOn as string;
  const youth = await open(story, {
    legalBasis: 'jeugdwet',
    source: rng.pick(['school', 'huisarts', 'provider'] as const),
    question: 'Ambulante jeugdhulp; overgang naar 18+ voorbereiden',
    lifeDomains: ['zelfredzaamheid', 'onderwijs'],
  });
  await intake(story, youth);
  await writer.run({ type: 'CompleteTriage', trajectoryId: youth, occurredOn: dates.after(rng.int(1, 30)), level: 'L3', route: 'regular' });
  const jeugdhulp = await refer(story, youth, { maatwerk: true, referrerRole: 'sociaal-team', afterDays: 0 });

  const adult = new Timeline(plusDays(adultOn, -rng.int(20, 120)));
  adult.atLeast(dates.date);
  const adultStory = { ...story, dates: adult };
  const wmo = await open(adultStory, {
    legalBasis: 'wmo-2015',
    source: 'provider',
    channel: 'warm-handover',
    question: 'Overgang 18-/18+: ondersteuning vanaf de 18e verjaardag',
    lifeDomains: ['zelfredzaamheid', 'wonen'],
  });
  await writer.run({ type: 'CompleteTriage', trajectoryId: wmo, occurredOn: adult.after(rng.int(5, 50)), level: 'L3', route: 'regular' });
  const provider = rng.pick(REGIONAL_PROVIDERS);
  const wmoReferralId = rng.uuid();
  await writer.run({
    type: 'MakeReferral',
    trajectoryId: wmo,
    referralId: wmoReferralId,
    occurredOn: adult.date,
    organisation: { agbCode: provider.agbCode, name: provider.name },
    category: 'maatwerk',
    warmHandover: true,
    referrerRole: 'sociaal-team',
  });
  if (jeugdhulp) {
    await writer.run({ type: 'EndCare', trajectoryId: youth, referralId: jeugdhulp, occurredOn: plusDays(adultOn, -1), reasonCode: '19' });
  }
  await writer.run({ type: 'CloseTrajectory', trajectoryId: youth, occurredOn: adultOn, reason: 'transferred' });
  await writer.run({ type: 'AcceptReferral', trajectoryId: wmo, referralId: wmoReferralId, occurredOn: adult.after(rng.int(0, 8)) });
  adult.atLeast(adultOn);
  await writer.run({ type: 'StartCare', trajectoryId: wmo, referralId: wmoReferralId, occurredOn: adult.after(rng.chance(60) ? 0 : rng.int(1, 45)) });
}

/** Maatwerk, then afschaling to L1 with waakvlam contacts at an agreed interval (§6.2), sometimes ended. */
async function writeWaakvlamAfterMaatwerk(story: TrajectoryStory): Promise<void> {
  const { writer, rng, dates } = story;
  const trajectoryId = await open(story, {
    legalBasis: 'wmo-2015',
    source: rng.pick(['provider', 'huisarts', 'self'] as const),
    question: 'Valt vaak, huishouden loopt niet meer; mantelzorger overbelast',
    lifeDomains: ['zelfredzaamheid', 'lichamelijke-gezondheid'],
  });
  await intake(story, trajectoryId);
  if (rng.chance(30)) {
    await writer.run({ type: 'CompleteTriage', trajectoryId, occurredOn: dates.after(rng.int(1, 20)), level: 'L2', route: 'regular' });
    await writer.run({ type: 'ChangeSupportLevel', trajectoryId, occurredOn: dates.after(rng.int(5, 30)), toLevel: 'L3', reason: 'Opschaling: indicatie maatwerk' });
  } else {
    await writer.run({ type: 'CompleteTriage', trajectoryId, occurredOn: dates.after(rng.int(1, 20)), level: 'L3', route: 'regular' });
  }
  const referral = await refer(story, trajectoryId, { maatwerk: true, referrerRole: 'sociaal-team' });
  if (referral) await endCare(story, trajectoryId, referral, '19');
  await writer.run({ type: 'ChangeSupportLevel', trajectoryId, occurredOn: dates.date, toLevel: 'L1', reason: 'Afschaling na maatwerk' });
  const interval = rng.pick([28, 42, 56]);
  await writer.run({ type: 'StartWaakvlam', trajectoryId, occurredOn: dates.after(rng.int(0, 5)), contactIntervalDays: interval });
  for (let contacts = rng.int(1, 5); contacts > 0; contacts--) {
    await writer.run({
      type: 'RecordWaakvlamContact',
      trajectoryId,
      occurredOn: dates.after(rng.int(interval - 10, interval + 15)),
      mode: rng.pick(['phone', 'phone', 'home-visit'] as const),
      outcome: rng.pick(['stable', 'stable', 'stable', 'concern'] as const),
    });
  }
  if (rng.chance(50)) {
    await writer.run({ type: 'EndWaakvlam', trajectoryId, occurredOn: dates.after(rng.int(10, 60)) });
    await maybeClose(story, trajectoryId, 60);
  }
}

interface Melding {
  legalBasis: LegalBasis;
  source: MeldingSource;
  channel?: MeldingChannel;
  question: string;
  lifeDomains: LifeDomain[];
}

async function open({ writer, rng, dates, memberId }: TrajectoryStory, melding: Melding): Promise<string> {
  const trajectoryId = rng.uuid();
  await writer.run({
    type: 'OpenTrajectory',
    occurredOn: dates.date,
    trajectoryId,
    memberId,
    channel: melding.channel ?? rng.pick(['phone', 'email', 'in-person', 'portal'] as const),
    ...melding,
  });
  return trajectoryId;
}

/** The intake, mostly within the 14-day norm; now and then recorded with the wrong date and corrected a day later. */
async function intake({ writer, rng, dates }: TrajectoryStory, trajectoryId: string): Promise<void> {
  if (!rng.chance(85)) return;
  const intake = { type: 'RecordIntake' as const, trajectoryId, occurredOn: dates.after(rng.int(0, 24)) };
  if (!rng.chance(4)) {
    await writer.run(intake);
    return;
  }
  const eventId = await writer.record(intake);
  if (eventId === undefined) return;
  const correctedOccurredOn = plusDays(intake.occurredOn, rng.pick([-2, -1, 1]));
  await writer.run({ type: 'CorrectEventDate', occurredOn: dates.after(1), eventId, correctedOccurredOn, reason: 'Verkeerde datum ingevoerd' });
}

/**
 * A referral and what follows: accepted (mostly within the 5-working-day answer norm) and care started, or declined.
 * Sometimes it was entered twice by mistake and the duplicate is withdrawn (§6.5). Returns its id while care runs.
 */
async function refer(
  story: TrajectoryStory,
  trajectoryId: string,
  { maatwerk, referrerRole, afterDays }: { maatwerk: boolean; referrerRole: ReferrerRole; afterDays?: number },
): Promise<string | undefined> {
  const { writer, rng, dates } = story;
  const provider = maatwerk ? rng.pick(REGIONAL_PROVIDERS) : undefined;
  const local = rng.pick(LOCAL_ORGANISATIONS);
  const organisation = provider ?? { name: local.name };
  const category: ReferralCategory = maatwerk ? 'maatwerk' : local.category;
  const referralId = rng.uuid();
  const made = {
    type: 'MakeReferral' as const,
    trajectoryId,
    occurredOn: dates.after(afterDays ?? rng.int(1, 20)),
    organisation: { ...organisation },
    category,
    warmHandover: rng.chance(60),
    referrerRole,
  };
  if (!(await writer.run({ ...made, referralId }))) return undefined;
  if (rng.chance(5)) {
    const duplicate = await writer.record({ ...made, referralId: rng.uuid(), warmHandover: false });
    if (duplicate) await writer.run({ type: 'WithdrawEvent', occurredOn: dates.after(rng.int(1, 7)), eventId: duplicate, reason: 'Dubbel ingevoerd' });
  }
  if (rng.chance(85)) {
    await writer.run({ type: 'AcceptReferral', trajectoryId, referralId, occurredOn: dates.after(rng.int(0, 10)) });
    if (rng.chance(85) && (await writer.run({ type: 'StartCare', trajectoryId, referralId, occurredOn: dates.after(rng.int(2, 45)) }))) return referralId;
  } else if (rng.chance(50)) {
    await writer.run({ type: 'DeclineReferral', trajectoryId, referralId, occurredOn: dates.after(rng.int(1, 10)), reason: 'Geen plek' });
  }
  return undefined;
}

async function endCare({ writer, rng, dates }: TrajectoryStory, trajectoryId: string, referralId: string, reasonCode: CareEndReason) {
  await writer.run({ type: 'EndCare', trajectoryId, referralId, occurredOn: dates.after(rng.int(60, 200)), reasonCode });
}

async function maybeClose({ writer, rng, dates }: TrajectoryStory, trajectoryId: string, percent: number): Promise<void> {
  if (!rng.chance(percent)) return;
  const reason = rng.pick(['goals-reached', 'goals-reached', 'stable', 'moved-away', 'no-cooperation'] as const);
  await writer.run({ type: 'CloseTrajectory', trajectoryId, occurredOn: dates.after(rng.int(5, 90)), reason });
}

function coordinatorOf(writer: HouseholdWriter): string {
  return writer.state.coordinator?.coordinatorId ?? 'seed-generator';
}
