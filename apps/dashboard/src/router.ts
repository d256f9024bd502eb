/**
 * Hash routes. A route carries only ids (norm, figure, household UUID), never a name, BSN or free text: the address
 * ends up in history, bookmarks and screenshots.
 */
export type Route =
  | { name: 'login' }
  | { name: 'norms' }
  | { name: 'norm'; normId: string }
  | { name: 'waakvlam' }
  | { name: 'figures' }
  | { name: 'figure'; figureId: string }
  | { name: 'my-work' }
  | { name: 'household'; householdId: string }
  | { name: 'home' }
  | { name: 'not-found' };

const ID = /^[a-z0-9-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a hash is one of ours: "#main" (the skip link's target) is not a route. */
export function isRouteHash(hash: string): boolean {
  return hash === '' || hash === '#' || hash.startsWith('#/');
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, ...rest] = parts;
  if (rest.length > 0) return { name: 'not-found' };
  switch (first) {
    case undefined:
      return { name: 'home' };
    case 'inloggen':
      return second === undefined ? { name: 'login' } : { name: 'not-found' };
    case 'normen':
      if (second === undefined) return { name: 'norms' };
      return ID.test(second) ? { name: 'norm', normId: second } : { name: 'not-found' };
    case 'waakvlam':
      return second === undefined ? { name: 'waakvlam' } : { name: 'not-found' };
    case 'cijfers':
      if (second === undefined) return { name: 'figures' };
      return ID.test(second) ? { name: 'figure', figureId: second } : { name: 'not-found' };
    case 'mijn-werk':
      return second === undefined ? { name: 'my-work' } : { name: 'not-found' };
    case 'huishoudens':
      return second !== undefined && UUID.test(second) ? { name: 'household', householdId: second } : { name: 'not-found' };
    default:
      return { name: 'not-found' };
  }
}

export const href = {
  login: () => '#/inloggen',
  norms: () => '#/normen',
  norm: (normId: string) => `#/normen/${encodeURIComponent(normId)}`,
  waakvlam: () => '#/waakvlam',
  figures: () => '#/cijfers',
  figure: (figureId: string) => `#/cijfers/${encodeURIComponent(figureId)}`,
  myWork: () => '#/mijn-werk',
  household: (householdId: string) => `#/huishoudens/${encodeURIComponent(householdId)}`,
};

/** Which role may open a route; the login page and "not found" are open to all. */
export function roleFor(route: Route): 'supervisor' | 'consultant' | null {
  switch (route.name) {
    case 'norms': case 'norm': case 'waakvlam': case 'figures': case 'figure':
      return 'supervisor';
    case 'my-work': case 'household':
      return 'consultant';
    default:
      return null;
  }
}
