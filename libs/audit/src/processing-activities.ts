import type { HouseholdCommand } from '@casusregie/domain';

/**
 * The register of processing activities (AVG art. 30) of this application: every activity the processing log names
 * (its `dpl.core.processing_activity_id`, Logboek Dataverwerkingen), with its purpose, its legal basis and the
 * categories of personal data it touches.
 *
 * The register belongs to the controller, the college of the municipality: this is the part of it that the software
 * knows. Its privacy officer (FG) reviews it and adds what code cannot know (retention per the archive selection
 * list, contact details, security measures). The legal bases name the laws; which one applies to a trajectory is
 * recorded on the trajectory itself (its `legalBasis`).
 *
 * Every activity id the code logs is a key of this register, checked by the compiler: `ProcessingLogService.processed`
 * takes a {@link ProcessingActivityId}, and each household command is an activity of its own
 * (`household.<command type>`), so a new command type does not compile until it has its entry below.
 */
export interface ProcessingActivity {
  /** What the activity is, in a few words. */
  name: string;
  /** Why the data is processed: the purpose the processing is limited to. */
  purpose: string;
  /** The lawful ground(s) under the AVG (and the UAVG where it adds a condition), then the national laws. */
  legalBasis: { avg: readonly string[]; laws: readonly string[] };
  /** Which personal data of the data subjects the activity reads or records. */
  dataCategories: readonly PersonalDataCategory[];
  /** Who, outside the municipality's own staff, gets to see the data. */
  recipients?: readonly string[];
}

/** The categories of personal data, as the register names them. */
export const PERSONAL_DATA_CATEGORIES = {
  bsn: 'Burgerservicenummer (BSN)',
  identity: 'Names and birth date',
  address: 'Residence: postcode and house number',
  household: 'Composition of the household: members, their roles, who lives where, who left',
  case: 'The support case: meldingen (source, channel, question), life domains, triage, support level, steps, waakvlam contacts, closure and reopening, the casusregisseur',
  plan: 'The household plan and its goals',
  referral: 'Referrals to providers: provider, category, product, status, start and end of care',
  health: 'Health data (special category, AVG art. 9): GGZ involvement and care needs that meldingen, plans and referrals may reveal',
  financial: 'Financial situation: debts, in trajectories under the Wgs',
  safety: 'Safety concerns that restrict a trajectory (huiselijk geweld, veiligheid)',
  inburgering: 'Inburgering: the PIP and the learning route (Wet inburgering 2021)',
} as const;
export type PersonalDataCategory = keyof typeof PERSONAL_DATA_CATEGORIES;

const SOCIAL_DOMAIN_LAWS = [
  'Wmo 2015 (Wet maatschappelijke ondersteuning 2015)',
  'Jeugdwet',
  'Participatiewet',
  'Wet inburgering 2021',
  'Wgs (Wet gemeentelijke schuldhulpverlening)',
] as const;

const PUBLIC_TASK = 'AVG art. 6(1)(e): necessary for a task in the public interest that the laws below give the college';
const HEALTH_DATA =
  'AVG art. 9(2)(h) with UAVG art. 30(3): health data, processed by a provision of social care (maatschappelijke dienstverlening) for the support of the person concerned';
const BSN_USE = 'UAVG art. 46: the BSN used only to carry out the laws below, which prescribe it';

/** The ordinary basis of the sociaal team's work with a household: its public task, health data included. */
const CASE_WORK = { avg: [PUBLIC_TASK, HEALTH_DATA], laws: SOCIAL_DOMAIN_LAWS };
const CASE_WORK_WITH_BSN = { avg: [PUBLIC_TASK, HEALTH_DATA, BSN_USE], laws: SOCIAL_DOMAIN_LAWS };

const SUPPORT = 'Carry out the support of the household by the sociaal team (één gezin, één plan)';
const CASE_STEP: Omit<ProcessingActivity, 'name'> = {
  purpose: `${SUPPORT}: record a step of a trajectory, so that the casusregisseur and the team know where it stands and the statutory terms can be kept`,
  legalBasis: CASE_WORK,
  dataCategories: ['case', 'health', 'financial'],
};
const REFERRAL_STEP: Omit<ProcessingActivity, 'name'> = {
  purpose: `${SUPPORT}: refer a member to a provider and follow the referral until care ends, so that the support asked for is delivered`,
  legalBasis: CASE_WORK,
  dataCategories: ['referral', 'health'],
  recipients: ['The provider (zorgaanbieder) the referral is addressed to'],
};
const PROVIDER_REPORT: Omit<ProcessingActivity, 'name'> = {
  ...REFERRAL_STEP,
  purpose: 'A provider reports on a referral addressed to it (accepted, declined, care started or ended), so that the casusregisseur can follow the care',
};

/** One activity per household command: the compiler insists on an entry for every command type. */
const HOUSEHOLD_COMMANDS: { [Type in HouseholdCommand['type'] as `household.${Type}`]: ProcessingActivity } = {
  'household.RegisterHousehold': {
    name: 'Register a household',
    purpose: `${SUPPORT}: register a household that asked for, or was reported as needing, support, with its members and residences`,
    legalBasis: CASE_WORK_WITH_BSN,
    dataCategories: ['bsn', 'identity', 'address', 'household'],
  },
  'household.AddMember': {
    name: 'Add a member to a household',
    purpose: `${SUPPORT}: record a person who joined the household`,
    legalBasis: CASE_WORK_WITH_BSN,
    dataCategories: ['bsn', 'identity', 'address', 'household'],
  },
  'household.RecordMemberLeft': {
    name: 'Record that a member left the household',
    purpose: `${SUPPORT}: keep the composition of the household correct`,
    legalBasis: CASE_WORK,
    dataCategories: ['household'],
  },
  'household.ErasePersonalData': {
    name: "Erase a member's personal data",
    purpose: "Honour a request for erasure: destroy the keys of the member's personal data, keeping only facts without identity",
    legalBasis: {
      avg: ['AVG art. 17: the right to erasure', 'AVG art. 6(1)(c): necessary to comply with the legal obligation art. 17 puts on the controller'],
      laws: [],
    },
    dataCategories: ['bsn', 'identity', 'address', 'household', 'case', 'plan', 'referral', 'health', 'financial', 'safety', 'inburgering'],
  },
  'household.AssignCoordinator': {
    name: 'Assign the casusregisseur',
    purpose: `${SUPPORT}: name the professional who coordinates the support of the household`,
    legalBasis: CASE_WORK,
    dataCategories: ['case'],
  },
  'household.SetPlan': {
    name: 'Agree or revise the household plan',
    purpose: `${SUPPORT}: record the goals agreed with the household`,
    legalBasis: CASE_WORK,
    dataCategories: ['plan', 'health', 'financial'],
  },
  'household.OpenTrajectory': {
    name: 'Open a trajectory on a melding',
    purpose: `${SUPPORT}: record a melding (who reported, how, the question, the life domains) and the law it falls under, which starts the statutory terms (such as the six weeks of Wmo 2015 art. 2.3.2)`,
    legalBasis: CASE_WORK,
    dataCategories: ['case', 'health', 'financial', 'safety'],
  },
  'household.RecordIntake': { name: 'Record the intake', ...CASE_STEP },
  'household.CompleteTriage': { name: 'Complete the triage', ...CASE_STEP },
  'household.RequestExploratoryConversation': { name: 'Request an exploratory conversation', ...CASE_STEP },
  'household.RecordExploratoryConversationHeld': { name: 'Record the exploratory conversation', ...CASE_STEP },
  'household.MakeReferral': { name: 'Refer a member to a provider', ...REFERRAL_STEP },
  'household.AcceptReferral': { name: 'Record that a provider accepted a referral', ...PROVIDER_REPORT },
  'household.DeclineReferral': { name: 'Record that a provider declined a referral', ...PROVIDER_REPORT },
  'household.WithdrawReferral': { name: 'Withdraw a referral', ...REFERRAL_STEP },
  'household.StartCare': { name: 'Record the start of care', ...PROVIDER_REPORT },
  'household.EndCare': { name: 'Record the end of care', ...PROVIDER_REPORT },
  'household.ChangeSupportLevel': { name: 'Scale support up or down', ...CASE_STEP },
  'household.StartWaakvlam': { name: 'Start the waakvlam', ...CASE_STEP },
  'household.RecordWaakvlamContact': { name: 'Record a waakvlam contact', ...CASE_STEP },
  'household.EndWaakvlam': { name: 'End the waakvlam', ...CASE_STEP },
  'household.EstablishPip': {
    name: 'Establish or amend the PIP',
    purpose: `${SUPPORT}: record the persoonlijk plan inburgering en participatie and its route`,
    legalBasis: { avg: [PUBLIC_TASK], laws: ['Wet inburgering 2021'] },
    dataCategories: ['case', 'inburgering'],
  },
  'household.StartLearningRoute': {
    name: 'Start the learning route',
    purpose: `${SUPPORT}: record the start of the language and participation parts of the inburgering`,
    legalBasis: { avg: [PUBLIC_TASK], laws: ['Wet inburgering 2021'] },
    dataCategories: ['case', 'inburgering'],
  },
  'household.CloseTrajectory': { name: 'Close a trajectory', ...CASE_STEP },
  'household.ReopenTrajectory': { name: 'Reopen a trajectory', ...CASE_STEP },
  'household.SuspendClock': { name: 'Suspend the clock of a trajectory (opschorting)', ...CASE_STEP, dataCategories: ['case'] },
  'household.RestrictTrajectory': {
    name: 'Restrict a trajectory',
    purpose: 'Limit who sees a sensitive trajectory (safety, debt, GGZ) to the professionals involved: need to know',
    legalBasis: { avg: ['AVG art. 5(1)(f) and art. 32: confidentiality and security of the processing', PUBLIC_TASK], laws: SOCIAL_DOMAIN_LAWS },
    dataCategories: ['case', 'health', 'financial', 'safety'],
  },
  'household.GrantTrajectoryAccess': {
    name: 'Let a consultant into a restricted trajectory',
    purpose: 'Give a professional who needs it access to a restricted trajectory',
    legalBasis: { avg: ['AVG art. 5(1)(f) and art. 32: confidentiality and security of the processing', PUBLIC_TASK], laws: SOCIAL_DOMAIN_LAWS },
    dataCategories: ['case'],
  },
  'household.CorrectEventDate': {
    name: 'Correct the date of a recorded fact',
    purpose: 'Keep the record accurate: correct a date recorded wrongly, with the reason',
    legalBasis: { avg: ['AVG art. 5(1)(d) and art. 16: accuracy and rectification', PUBLIC_TASK], laws: SOCIAL_DOMAIN_LAWS },
    dataCategories: ['case'],
  },
  'household.WithdrawEvent': {
    name: 'Withdraw a recorded fact',
    purpose: 'Keep the record accurate: withdraw a fact recorded in error, with the reason',
    legalBasis: { avg: ['AVG art. 5(1)(d) and art. 16: accuracy and rectification', PUBLIC_TASK], laws: SOCIAL_DOMAIN_LAWS },
    dataCategories: ['case'],
  },
};

const READS = {
  'household.search': {
    name: 'Search households by BSN or name',
    purpose: `${SUPPORT}: find out whether a person is already known to the team, so that one household has one case and one plan`,
    legalBasis: CASE_WORK_WITH_BSN,
    dataCategories: ['bsn', 'identity', 'household'],
  },
  'household.read': {
    name: 'Read a household',
    purpose: `${SUPPORT}: see the household as it is now (members, residences, casusregisseur, plan, trajectories) to do the work of the case`,
    legalBasis: CASE_WORK_WITH_BSN,
    dataCategories: ['bsn', 'identity', 'address', 'household', 'case', 'plan', 'referral', 'health', 'financial', 'inburgering'],
  },
  'household.history.read': {
    name: "Read a household's history",
    purpose: `${SUPPORT}: see how the case went, every recorded fact and correction in order, to account for the support given`,
    legalBasis: CASE_WORK_WITH_BSN,
    dataCategories: ['bsn', 'identity', 'address', 'household', 'case', 'plan', 'referral', 'health', 'financial', 'safety', 'inburgering'],
  },
  'trajectory.read': {
    name: 'Read a trajectory',
    purpose: `${SUPPORT}: see one trajectory with all its details`,
    legalBasis: CASE_WORK,
    dataCategories: ['case', 'referral', 'health', 'financial', 'safety', 'inburgering'],
  },
  'consultant.caseload.read': {
    name: 'A consultant reads their caseload',
    purpose: `${SUPPORT}: see the households one coordinates or whose team one is in, their open trajectories and the next deadline of each, so that no statutory term is missed`,
    legalBasis: CASE_WORK,
    dataCategories: ['case', 'health', 'financial', 'inburgering'],
  },
  'consultant.worklist.read': {
    name: 'A consultant reads their worklist',
    purpose: `${SUPPORT}: see the deadlines of one's households that are due soon or overdue, so that the statutory terms can be kept`,
    legalBasis: CASE_WORK,
    dataCategories: ['case', 'health', 'financial', 'inburgering'],
  },
  'provider.referrals.read': {
    name: "A provider reads its referrals' inbox",
    purpose: 'Let a provider deliver the care a referral asks for: who the client is, how to reach them and the casusregisseur — nothing else of the household',
    legalBasis: CASE_WORK,
    dataCategories: ['identity', 'address', 'referral', 'health'],
    recipients: ['The provider (zorgaanbieder) the referrals are addressed to'],
  },
  'provider.referral.read': {
    name: 'A provider reads one referral',
    purpose: 'Let a provider deliver the care a referral asks for: who the client is, how to reach them and the casusregisseur — nothing else of the household',
    legalBasis: CASE_WORK,
    dataCategories: ['identity', 'address', 'referral', 'health'],
    recipients: ['The provider (zorgaanbieder) the referral is addressed to'],
  },
} satisfies Record<string, ProcessingActivity>;

export const PROCESSING_ACTIVITIES = { ...READS, ...HOUSEHOLD_COMMANDS };

/** The id of a processing activity: a key of the register, so an unregistered activity does not compile. */
export type ProcessingActivityId = keyof typeof PROCESSING_ACTIVITIES;

/** The URI a Logboek record names its activity by (`dpl.core.processing_activity_id`). */
export function processingActivityUri(id: ProcessingActivityId): string {
  return `urn:casusregie:processing-activity:${id}`;
}

export function isProcessingActivityId(id: string): id is ProcessingActivityId {
  return Object.hasOwn(PROCESSING_ACTIVITIES, id);
}
