import { Principal } from '@casusregie/auth';
import { NIEUWEGEIN, ZEVENAAR } from './municipalities';
import { ScenarioApi } from './scenario-api';

/** The functional administrator of a municipality, who keeps its contracts with providers. */
export function municipalAdmin(municipality: string): Principal {
  return { sub: `beheerder-${municipality}`, roles: ['admin'], municipality };
}

/** Maatwerk goes to contracted providers: each municipality's contracts as the scenarios need them. */
export const SCENARIO_PROVIDERS = [
  { agbCode: '75750101', name: 'Thuiszorg Lekstroom (HO)', municipality: NIEUWEGEIN },
  { agbCode: '75750202', name: 'Begeleiding Lekstroom (IB)', municipality: NIEUWEGEIN },
  { agbCode: '75750303', name: 'Begeleiding Lekstroom (IB Wmo)', municipality: NIEUWEGEIN },
  { agbCode: '41410001', name: 'Jeugdhulpaanbieder ambulant', municipality: NIEUWEGEIN },
  { agbCode: '41420002', name: 'Jeugdhulpaanbieder ambulant', municipality: ZEVENAAR },
];

/** Registers them through the admin API, each by its municipality's admin; one already registered (409) is left as it is. */
export async function registerScenarioProviders(api: ScenarioApi): Promise<void> {
  for (const { municipality, ...provider } of SCENARIO_PROVIDERS) {
    const { status, body } = await api({
      method: 'POST',
      path: '/providers',
      principal: municipalAdmin(municipality),
      body: { ...provider, productCategories: ['maatwerk'] },
    });
    if (status !== 201 && status !== 409) throw new Error(`POST /providers ${provider.agbCode}: ${status} ${JSON.stringify(body)}`);
  }
}
