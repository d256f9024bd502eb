import { ApiHarness } from './api-harness';
import { Principal } from '@casusregie/auth';

/**
 * A consultant's view of the household API for scenario tests: each call expects success and returns the ids the
 * API handed out, so a scenario reads as the list of steps it is.
 */
export class HouseholdClient {
  constructor(
    private readonly api: ApiHarness,
    private readonly principal?: Principal,
  ) {}

  async register(body: object): Promise<{ id: string; memberIds: Record<string, string>; residenceIds: Record<string, string> }> {
    const response = await this.api.http().post('/api/v1/households').set('Authorization', this.api.bearer(this.principal)).send(body);
    expectStatus(response, 201);
    const household = await this.get(response.body.id);
    const memberIds = Object.fromEntries(household.members.map((m: { givenName: string; memberId: string }) => [m.givenName, m.memberId]));
    const residenceIds = Object.fromEntries(
      household.residences.map((r: { label: string; residenceId: string }) => [r.label, r.residenceId]),
    );
    return { id: response.body.id, memberIds, residenceIds };
  }

  /** POSTs a step and returns the response body; fails the test on anything but 201. */
  async post(path: string, body: object): Promise<Record<string, unknown>> {
    const response = await this.api.http().post(`/api/v1${path}`).set('Authorization', this.api.bearer(this.principal)).send(body);
    expectStatus(response, 201);
    return response.body;
  }

  async put(path: string, body: object): Promise<Record<string, unknown>> {
    const response = await this.api.http().put(`/api/v1${path}`).set('Authorization', this.api.bearer(this.principal)).send(body);
    expectStatus(response, 200);
    return response.body;
  }

  async openTrajectory(householdId: string, body: object): Promise<string> {
    return (await this.post(`/households/${householdId}/trajectories`, body)).trajectoryId as string;
  }

  async refer(householdId: string, trajectoryId: string, body: object): Promise<string> {
    return (await this.post(`/households/${householdId}/trajectories/${trajectoryId}/referrals`, body)).referralId as string;
  }

  async get(householdId: string) {
    const response = await this.api.http().get(`/api/v1/households/${householdId}`).set('Authorization', this.api.bearer(this.principal));
    expectStatus(response, 200);
    return response.body;
  }

  async events(householdId: string) {
    const response = await this.api
      .http()
      .get(`/api/v1/households/${householdId}/events?limit=500`)
      .set('Authorization', this.api.bearer(this.principal));
    expectStatus(response, 200);
    return response.body.events as { eventId: string; type: string; occurredOn: string; data: Record<string, unknown> }[];
  }
}

function expectStatus(response: { status: number; body: unknown; req?: { path?: string } }, status: number): void {
  if (response.status !== status) {
    throw new Error(`Expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
}
