/** A small regional registry of care providers (fictional AGB codes and names), for generated referrals. */
export const REGIONAL_PROVIDERS = [
  { agbCode: '98765432', name: 'Zorggroep De Liemers' },
  { agbCode: '98765433', name: 'GGNet' },
  { agbCode: '98765434', name: 'Jeugdhulp Oost' },
  { agbCode: '98765435', name: 'Thuiszorg Rivierenland' },
  { agbCode: '98765436', name: 'Begeleiding Plus' },
] as const;

/** Organisations of the sociale basis and the voorliggend veld: no AGB code. */
export const LOCAL_ORGANISATIONS = [
  { name: 'Caleidoz welzijnscoach', category: 'voorliggend-veld' },
  { name: 'Buurtplein', category: 'sociale-basis' },
  { name: 'Algemeen maatschappelijk werk', category: 'voorliggend-veld' },
  { name: 'Huisarts / POH-GGZ', category: 'eerstelijn' },
  { name: 'GGZ in de wijk', category: 'lichtere-zorg' },
] as const;
