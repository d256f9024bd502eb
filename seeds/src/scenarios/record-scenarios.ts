import { haddad } from './haddad';
import { jansen } from './jansen';
import { marieke } from './marieke';
import { peters } from './peters';
import { samengesteldGezin } from './samengesteld-gezin';
import { ScenarioApi } from './scenario-api';
import { registerScenarioProviders } from './scenario-providers';
import { sem } from './sem';

/** The acceptance scenarios of domain-research §6.1–§6.6, in order. */
export const SCENARIOS = [haddad, jansen, sem, marieke, peters, samengesteldGezin] as const;

/** Registers the providers they refer to, then records every scenario: one household each. */
export async function recordScenarios(api: ScenarioApi): Promise<void> {
  await registerScenarioProviders(api);
  for (const scenario of SCENARIOS) await scenario.record(api);
}
