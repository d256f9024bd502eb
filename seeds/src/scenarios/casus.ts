import { Principal } from '@casusregie/auth';
import { expectStatus, ScenarioApi } from './scenario-api';

export interface Melding {
  date: string;
  source: string;
  channel: string;
  question: string;
  lifeDomains: string[];
  legalBasis: string;
}

/**
 * One household as a consultant works on it through the API: each method records one step and fails unless it
 * answers 201 (200 for a PUT), so a scenario reads as the list of steps it is. Members and residences are known by
 * the given name and key the scenario registered them with.
 */
export class Casus {
  private constructor(
    private readonly api: ScenarioApi,
    private readonly principal: Principal,
    readonly id: string,
    readonly members: Record<string, string>,
    readonly residences: Record<string, string>,
  ) {}

  static async register(api: ScenarioApi, principal: Principal, body: object): Promise<Casus> {
    const { id } = await expectStatus(api, { method: 'POST', path: '/households', principal, body }, 201);
    const household = (await expectStatus(api, { method: 'GET', path: `/households/${id}`, principal }, 200)) as {
      members: { givenName: string; memberId: string }[];
      residences: { label: string; residenceId: string }[];
    };
    const members = Object.fromEntries(household.members.map((m) => [m.givenName, m.memberId]));
    const residences = Object.fromEntries(household.residences.map((r) => [r.label, r.residenceId]));
    return new Casus(api, principal, id as string, members, residences);
  }

  /** The same household, worked on by another professional of the same municipality. */
  as(principal: Principal): Casus {
    return new Casus(this.api, principal, this.id, this.members, this.residences);
  }

  async assignCoordinator(date: string, coordinatorId: string, name: string): Promise<void> {
    await this.put('coordinator', { date, coordinatorId, name });
  }

  async setPlan(date: string, goals: { member: string; lifeDomain: string; description: string }[]): Promise<void> {
    await this.put('plan', { date, goals: goals.map(({ member, ...goal }) => ({ memberId: this.members[member], ...goal })) });
  }

  /** The melding: opens a trajectory for the member with this given name. */
  async melding(member: string, melding: Melding): Promise<string> {
    const body = { memberId: this.members[member], ...melding };
    return (await this.post(`/households/${this.id}/trajectories`, body)).trajectoryId as string;
  }

  step(trajectoryId: string, step: string, body: object): Promise<Record<string, unknown>> {
    return this.post(`/households/${this.id}/trajectories/${trajectoryId}/${step}`, body);
  }

  async refer(trajectoryId: string, body: object): Promise<{ referralId: string; eventId: string }> {
    const response = await this.step(trajectoryId, 'referrals', body);
    return { referralId: response.referralId as string, eventId: (response.eventIds as string[])[0] };
  }

  onReferral(trajectoryId: string, referralId: string, step: string, body: object): Promise<Record<string, unknown>> {
    return this.step(trajectoryId, `referrals/${referralId}/${step}`, body);
  }

  /** `ZorgGestart` has no route of its own: the provider's acceptance and its start of care, both on the day care starts. */
  async careStarted(trajectoryId: string, referralId: string, date: string): Promise<void> {
    await this.onReferral(trajectoryId, referralId, 'acceptance', { date });
    await this.onReferral(trajectoryId, referralId, 'care-start', { date });
  }

  async withdrawEvent(eventId: string, date: string, reason: string): Promise<void> {
    await this.post(`/households/${this.id}/events/${eventId}/corrections`, { kind: 'withdrawal', reason, date });
  }

  private post(path: string, body: object): Promise<Record<string, unknown>> {
    return expectStatus(this.api, { method: 'POST', path, principal: this.principal, body }, 201);
  }

  private put(step: string, body: object): Promise<Record<string, unknown>> {
    return expectStatus(this.api, { method: 'PUT', path: `/households/${this.id}/${step}`, principal: this.principal, body }, 200);
  }
}
