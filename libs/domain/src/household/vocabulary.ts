/**
 * The closed lists of the household domain. Each is a const array (for validation and OpenAPI enums) with its type.
 * Dutch terms stay Dutch where the English word would lose the meaning a consultant gives them.
 */

/** Support level for op-/afschaling (SPEC §2): L0 own strength … L4 maatwerk with stay. Ordinal. */
export const SUPPORT_LEVELS = ['L0', 'L1', 'L2', 'L3', 'L4'] as const;
export type SupportLevel = (typeof SUPPORT_LEVELS)[number];

export const LEGAL_BASES = ['wmo-2015', 'jeugdwet', 'participatiewet', 'wet-inburgering-2021', 'wgs', 'none'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const MEMBER_ROLES = [
  'parent',
  'step-parent',
  'partner',
  'child',
  'step-child',
  'foster-child',
  'grandparent',
  'sibling',
  'other',
] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Who brought the melding in (issue 3's list). */
export const MELDING_SOURCES = ['self', 'huisarts', 'wijk-ggd', 'school', 'police', 'provider', 'other'] as const;
export type MeldingSource = (typeof MELDING_SOURCES)[number];

export const MELDING_CHANNELS = ['phone', 'email', 'in-person', 'letter', 'portal', 'warm-handover', 'other'] as const;
export type MeldingChannel = (typeof MELDING_CHANNELS)[number];

/** Leefgebieden, after the seeds' order (safety first, then wonen, relaties, inkomen, dagbesteding; 001:77–82). */
export const LIFE_DOMAINS = [
  'veiligheid',
  'wonen',
  'relaties',
  'inkomen',
  'schulden',
  'dagbesteding',
  'werk',
  'onderwijs',
  'opvoeding',
  'lichamelijke-gezondheid',
  'geestelijke-gezondheid',
  'middelengebruik',
  'zelfredzaamheid',
  'sociaal-netwerk',
  'participatie',
  'taal',
  'justitie',
] as const;
export type LifeDomain = (typeof LIFE_DOMAINS)[number];

/** How the triage routes the case: the ordinary ladder, or the safety or outreach (bemoeizorg) track. */
export const TRIAGE_ROUTES = ['regular', 'safety', 'outreach'] as const;
export type TriageRoute = (typeof TRIAGE_ROUTES)[number];

/**
 * Referral target categories (SPEC §2), plus two the norms must tell apart: a referral back to specialist GGZ does
 * not end the verkennend-gesprek clock, and schuldhulpverlening is not voorliggend veld (scenario 6.6).
 */
export const REFERRAL_CATEGORIES = [
  'sociale-basis',
  'voorliggend-veld',
  'eerstelijn',
  'lichtere-zorg',
  'maatwerk',
  'specialistische-ggz',
  'schuldhulpverlening',
] as const;
export type ReferralCategory = (typeof REFERRAL_CATEGORIES)[number];

/** Who made a referral: the wijk-GGD's own referrals are counted for its yearly target (K3, 000:319). */
export const REFERRER_ROLES = ['sociaal-team', 'wijk-ggd', 'schoolmaatschappelijk-werk', 'welzijn', 'other'] as const;
export type ReferrerRole = (typeof REFERRER_ROLES)[number];

export const WAAKVLAM_CONTACT_MODES = ['phone', 'home-visit', 'office', 'video', 'message'] as const;
export type WaakvlamContactMode = (typeof WAAKVLAM_CONTACT_MODES)[number];

export const WAAKVLAM_CONTACT_OUTCOMES = ['stable', 'concern', 'escalate'] as const;
export type WaakvlamContactOutcome = (typeof WAAKVLAM_CONTACT_OUTCOMES)[number];

/** Leerroutes of the Wet inburgering 2021. */
export const PIP_ROUTES = ['B1', 'Z', 'onderwijs'] as const;
export type PipRoute = (typeof PIP_ROUTES)[number];

/** How a verkennend gesprek ended: a referral follows, or it is concluded without one (B12, excluded from K2). */
export const EXPLORATORY_CONVERSATION_OUTCOMES = ['referral-follows', 'concluded-without-referral'] as const;
export type ExploratoryConversationOutcome = (typeof EXPLORATORY_CONVERSATION_OUTCOMES)[number];

export const CLOSURE_REASONS = [
  'goals-reached',
  'stable',
  'moved-away',
  'deceased',
  'no-cooperation',
  'transferred',
  'structural-support',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/**
 * Reasons for the end of care: the WMO588 / JZ588 RedenBeeindiging list of iWmo/iJw 3.2, sent in a 307 stop-zorg
 * message (standards-nl §1.3). Codes are text because the standard writes them with a leading zero.
 */
export const CARE_END_REASONS = {
  '02': 'Overlijden',
  '19': 'Volgens plan beëindigd',
  '20': 'Tijdelijk beëindigd',
  '21': 'Eenzijdig door cliënt beëindigd',
  '22': 'Eenzijdig door aanbieder beëindigd',
  '23': 'In overeenstemming voortijdig beëindigd',
  '31': 'Verhuizing naar andere gemeente',
  '36': 'Beëindiging geïnitieerd door gemeente',
  '37': 'Beëindigd in verband met wijzigingsverzoek',
  '38': 'Overstap naar andere aanbieder',
  '39': 'Uitstroom naar ander domein (Wlz/Zvw)',
} as const;
export type CareEndReason = keyof typeof CARE_END_REASONS;
export const CARE_END_REASON_CODES = Object.keys(CARE_END_REASONS) as CareEndReason[];

/** Why a trajectory's details are kept to the people involved (issue: safety, debt and GGZ compartments). */
export const RESTRICTION_REASONS = ['safety', 'debt', 'ggz'] as const;
export type RestrictionReason = (typeof RESTRICTION_REASONS)[number];

/**
 * Why a trajectory's clock is suspended (*opgeschort*): a code, never free text. The six weeks of the Wmo onderzoek
 * (art. 2.3.2) stand still while the inwoner is given time to supply what the onderzoek needs (by analogy with Awb
 * art. 4:15 lid 1 sub a), to hand in a persoonlijk plan (art. 2.3.2 lid 2), or at the inwoner's own request or with
 * their consent (Awb art. 4:15 lid 2 sub a) [EXT, verify with the municipality's verordening].
 */
export const SUSPENSION_REASONS = ['awaiting-information-inwoner', 'awaiting-persoonlijk-plan', 'inwoner-request', 'other'] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];
