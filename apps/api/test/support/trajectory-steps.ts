/**
 * Every step route under /households/{householdId}/trajectories/{trajectoryId}/, with Express-style parameters
 * (`:referralId`). Tests that enumerate routes (access policy, OpenAPI) share this one list.
 */
export const TRAJECTORY_STEPS = [
  'intake',
  'triage',
  'exploratory-conversations',
  'referrals',
  'referrals/:referralId/acceptance',
  'referrals/:referralId/decline',
  'referrals/:referralId/withdrawal',
  'referrals/:referralId/care-start',
  'referrals/:referralId/care-end',
  'scale-changes',
  'waakvlam',
  'waakvlam/end',
  'waakvlam/contacts',
  'pip',
  'learning-route',
  'closure',
  'reopening',
  'clock-suspensions',
  'restriction',
  'access-grants',
] as const;

/** The same step as OpenAPI writes its path (`{referralId}`). */
export function openApiStep(step: string): string {
  return step.replace(/:(\w+)/g, '{$1}');
}
