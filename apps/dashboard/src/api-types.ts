/**
 * The API's response shapes, taken from the generated contract types (openapi/casusregie-api.d.ts) so that a change
 * of the API shows up here as a type error instead of a blank cell.
 */
import type { components } from '../../../openapi/casusregie-api';

type Schemas = components['schemas'];

export type Me = Schemas['MeResponse'];
export type NormsResponse = Schemas['NormsResponse'];
export type Norm = Schemas['NormView'];
export type ComplianceResponse = Schemas['ComplianceResponse'];
export type DeadlineGroup = Schemas['DeadlineComplianceGroup'];
export type CountGroup = Schemas['CountComplianceGroup'];
export type NormItemsPage = Schemas['NormItemsPage'];
export type NormItem = Schemas['NormItemView'];
export type WaakvlamDuePage = Schemas['WaakvlamDuePage'];
export type FiguresResponse = Schemas['FiguresResponse'];
export type Figure = Schemas['FigureView'];
export type FigureReport = Schemas['FigureReport'];
export type MyCaseloadPage = Schemas['MyCaseloadPage'];
export type MyHousehold = Schemas['MyHouseholdView'];
export type MyWorklistPage = Schemas['MyWorklistPage'];
export type MyWorkItem = Schemas['MyWorkItemView'];
export type Household = Schemas['HouseholdResponse'];
export type Trajectory = Schemas['TrajectoryView'];
export type RestrictedTrajectory = Schemas['RestrictedTrajectoryView'];
export type HouseholdEventsPage = Schemas['HouseholdEventsPage'];
export type HouseholdEvent = Schemas['HouseholdEventView'];
export type Problem = Schemas['ProblemDetails'];

/** GET /dashboard/config.json: served by the dashboard's own server, not part of the API contract. */
export interface DashboardConfig {
  login: 'development' | 'oidc' | 'none';
  apiBase: string;
  oidc?: { authority: string; clientId: string; scope: string };
}
