/**
 * A rule of the household domain that a command would break. The `code` is stable: API clients may branch on it,
 * so a code is never renamed. Messages name ids and dates only, never personal data.
 */
export const DOMAIN_ERROR_CODES = [
  'household-already-registered',
  'household-not-found',
  'member-not-found',
  'member-already-present',
  'member-not-active',
  'member-has-open-trajectories',
  'member-erased',
  'personal-data-already-erased',
  'duplicate-bsn',
  'unknown-residence',
  'coordinator-unchanged',
  'plan-goal-unknown-member',
  'plan-goal-unknown-trajectory',
  'plan-goal-in-two-compartments',
  'plan-has-restricted-goals',
  'plan-not-agreed',
  'trajectory-not-found',
  'trajectory-already-exists',
  'trajectory-closed',
  'trajectory-not-closed',
  'trajectory-has-active-support',
  'trajectory-already-restricted',
  'trajectory-not-restricted',
  'access-already-granted',
  'date-in-future',
  'date-out-of-range',
  'date-before-melding',
  'date-out-of-order',
  'intake-already-held',
  'triage-already-completed',
  'triage-required',
  'exploratory-conversation-already-requested',
  'exploratory-conversation-not-requested',
  'exploratory-conversation-already-held',
  'referral-not-found',
  'referral-already-exists',
  'referral-not-pending',
  'referral-not-accepted',
  'referral-not-withdrawable',
  'provider-not-contracted',
  'care-not-started',
  'level-unchanged',
  'waakvlam-already-active',
  'waakvlam-not-active',
  'pip-requires-inburgering',
  'pip-not-established',
  'pip-unchanged',
  'learning-route-already-started',
  'suspension-already-exists',
  'suspension-overlaps',
  'event-not-found',
  'event-not-correctable',
  'event-already-withdrawn',
  'correction-unchanged',
  'correction-conflicts-with-history',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** Codes that mean "there is no such thing here": the API answers 404 for them, 409 for every other rule. */
export const NOT_FOUND_CODES: ReadonlySet<DomainErrorCode> = new Set([
  'household-not-found',
  'member-not-found',
  'trajectory-not-found',
  'referral-not-found',
  'event-not-found',
]);

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }
}
