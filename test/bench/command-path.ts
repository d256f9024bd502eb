import { randomUUID } from 'node:crypto';
import { loadConfig } from '@casusregie/config';
import { HouseholdCommand, todayInNetherlands } from '@casusregie/domain';
import { HouseholdCommandHandler, HouseholdRepository } from '@casusregie/households';
import { ProjectionRunner } from '@casusregie/projections';
import { ProviderRegistry } from '@casusregie/providers';
import { BullProjectionTrigger, RedisTarget } from '@casusregie/queue';
import { allProjections } from '@casusregie/runtime';
import { openStorage, Storage } from '@casusregie/storage';
import { BenchHousehold } from './bench-households';
import { BENCH_CONSULTANT, serverEnv } from './bench-processes';

/**
 * The API's command path without HTTP: the command handler the API runs (load, decide, append with the keys it was
 * read with), telling the projections through BullMQ. B3 sends its commands this way so
 * that it measures the projections' lag at the rate asked for, which the API on this machine cannot answer (B1).
 */
export class CommandPath {
  private constructor(
    private readonly storage: Storage,
    private readonly handler: HouseholdCommandHandler,
    private readonly trigger: BullProjectionTrigger,
  ) {}

  static async open(env: Record<string, string>, redis: RedisTarget): Promise<CommandPath> {
    const storage = await openStorage(loadConfig(serverEnv(env)));
    const projections = allProjections(storage);
    // As the API does at start-up: the read models' tables exist before the first command is answered.
    await new ProjectionRunner(storage.readModels, storage.eventStore).prepare(projections);
    const trigger = new BullProjectionTrigger(redis, projections.map((projection) => projection.name));
    const repository = new HouseholdRepository(storage.eventStore, storage.personalData);
    const registry = new ProviderRegistry(storage.readModels, storage.masterKey);
    await registry.prepare();
    const handler = new HouseholdCommandHandler({
      repository,
      context: () => ({ today: todayInNetherlands() }),
      contracts: (agbCode, municipality) => registry.get(agbCode, municipality),
      notify: () => trigger.notify(),
    });
    return new CommandPath(storage, handler, trigger);
  }

  /** Registers `count` one-member households, as the API benches do through the API. */
  async registerHouseholds(count: number): Promise<BenchHousehold[]> {
    const households: BenchHousehold[] = [];
    for (let i = 0; i < count; i++) {
      const household = { householdId: randomUUID(), memberId: randomUUID() };
      const residenceId = randomUUID();
      await this.run(household.householdId, {
        type: 'RegisterHousehold',
        occurredOn: '2026-01-05',
        householdId: household.householdId,
        municipality: 'GM0299',
        team: 'T1',
        residences: [{ residenceId, label: 'woning' }],
        members: [
          { memberId: household.memberId, givenName: 'Benchmark', familyName: `Testgezin ${i}`, birthDate: '1980-01-01', role: 'parent', residenceIds: [residenceId] },
        ],
      });
      households.push(household);
    }
    return households;
  }

  /** A melding for the household's member (as `melding()` sends it to the API); returns the new trajectory's id. */
  async melding(household: BenchHousehold): Promise<{ trajectoryId: string }> {
    const trajectoryId = randomUUID();
    await this.run(household.householdId, {
      type: 'OpenTrajectory',
      occurredOn: '2026-02-02',
      trajectoryId,
      memberId: household.memberId,
      source: 'self',
      channel: 'phone',
      question: 'Hulp bij het huishouden',
      lifeDomains: ['zelfredzaamheid'],
      legalBasis: 'wmo-2015',
    });
    return { trajectoryId };
  }

  async close(): Promise<void> {
    await this.trigger.close();
    await this.storage.close();
  }

  /** Without If-Match, as the API: a concurrent write to the household means deciding again on fresh state. */
  private async run(householdId: string, command: HouseholdCommand): Promise<void> {
    await this.handler.handle(householdId, command, { actor: { id: BENCH_CONSULTANT.sub, role: 'consultant' }, correlationId: randomUUID() });
  }
}
