import { Principal } from '@casusregie/auth';
import { NIEUWEGEIN, ZEVENAAR } from './municipalities';
import { ScenarioApi } from './scenario-api';

/** The regional administrator who keeps the provider registry. */
export const REGIONAL_ADMIN: Principal = { sub: 'regio-beheerder', roles: ['admin'], municipality: ZEVENAAR };

/** Maatwerk goes to registered, contracted providers: the region's registry as the scenarios need it. */
export const SCENARIO_PROVIDERS = [
  { agbCode: '75750101', name: 'Thuiszorg Lekstroom (HO)', municipalities: [NIEUWEGEIN] },
  { agbCode: '75750202', name: 'Begeleiding Lekstroom (IB)', municipalities: [NIEUWEGEIN] },
  { agbCode: '75750303', name: 'Begeleiding Lekstroom (IB Wmo)', municipalities: [NIEUWEGEIN] },
  { agbCode: '41410001', name: 'Jeugdhulpaanbieder ambulant', municipalities: [NIEUWEGEIN] },
  { agbCode: '41420002', name: 'Jeugdhulpaanbieder ambulant', municipalities: [ZEVENAAR] },
];

/** Registers them through the admin API; one already registered (409) is left as it is. */
export async function registerScenarioProviders(api: ScenarioApi): Promise<void> {
  for (const provider of SCENARIO_PROVIDERS) {
    const { status, body } = await api({
      method: 'POST',
      path: '/providers',
      principal: REGIONAL_ADMIN,
      body: { ...provider, productCategories: ['maatwerk'] },
    });
    if (status !== 201 && status !== 409) throw new Error(`POST /providers ${provider.agbCode}: ${status} ${JSON.stringify(body)}`);
  }
}
