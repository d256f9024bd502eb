import { JwtService } from '@nestjs/jwt';
import { NrcSettings } from '@casusregie/config';
import { AttemptOutcome, DeliveryFailedError, DeliveryToSend, NotificationSender, postJson, SendOptions } from './notification-sender';
import { notificationBody, withPublicUrls } from './provider-notification';

/** The `user_id` and `user_representation` of the JWT: the NRC's audit names the system, not a person. */
const JWT_USER = 'casusregie';

/** Whether a municipality contracts a provider now (ProviderRegistry fits this shape). */
export interface ContractDirectory {
  get(agbCode: string, municipality: string): Promise<object | undefined>;
}

/**
 * NRC mode (NOTIFICATIONS_NRC_URL): every notification is published once to the municipality's Open Notificaties,
 * `POST <NRC>/notificaties`, which forwards it to each abonnement whose filters match (`kenmerken.zorgaanbieder`,
 * `gemeente`, `categorie`) with that abonnement's own `auth`. No webhook of the provider registry is used and
 * nothing is signed by us: the NRC authenticates to the subscribers. The kanaal must exist at the NRC
 * (docs/notifications.md); until it does, the NRC answers 400 and the attempt fails with `HTTP 400 (kanaal)`.
 */
export class NrcSender implements NotificationSender {
  private readonly endpoint: string;

  constructor(
    private readonly nrc: NrcSettings,
    private readonly publicBaseUrl: string,
    private readonly contracts: ContractDirectory,
    private readonly fetchImpl?: typeof fetch,
  ) {
    this.endpoint = `${nrc.url}/notificaties`;
  }

  async send(delivery: DeliveryToSend, options: SendOptions): Promise<AttemptOutcome> {
    // As with webhooks: once a municipality ends its contract with a provider, notifications about it stop.
    try {
      const contract = await this.contracts.get(delivery.agbCode, delivery.payload.kenmerken.gemeente);
      if (contract === undefined) return { kind: 'skipped', reason: 'provider not contracted by the municipality' };
    } catch (error) {
      return { kind: 'failed', reason: `contract lookup failed (${error instanceof Error ? error.name : 'error'})` };
    }
    const body = notificationBody(withPublicUrls(delivery.payload, this.publicBaseUrl));
    let response: Response;
    try {
      response = await postJson(this.endpoint, body, { Authorization: this.authorization() }, { ...options, fetch: this.fetchImpl });
    } catch (error) {
      return { kind: 'failed', reason: error instanceof DeliveryFailedError ? error.message : 'delivery error' };
    }
    if (response.status >= 200 && response.status <= 299) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'delivered', status: response.status };
    }
    return { kind: 'failed', reason: `HTTP ${response.status}${await invalidParamNames(response)}` };
  }

  /**
   * A ZGW JWT as Open Notificaties checks it (HS256; `iss` and `client_id` the client id; `iat` now, so a fresh one
   * per request stays within the NRC's token lifetime), or the fixed value configured.
   */
  private authorization(): string {
    const { auth } = this.nrc;
    if (auth.kind === 'authorization') return auth.value;
    const claims = { iss: auth.clientId, client_id: auth.clientId, user_id: JWT_USER, user_representation: JWT_USER };
    return `Bearer ${new JwtService().sign(claims, { secret: auth.secret, algorithm: 'HS256' })}`;
  }
}

/**
 * The names of the fields a 400 of the NRC refused (`invalidParams[].name` of a ZGW ValidatieFout, e.g. `kanaal`
 * while the kanaal is not registered), as ` (kanaal, kenmerken)`: field names only, never the NRC's free text.
 */
async function invalidParamNames(response: Response): Promise<string> {
  if (response.status !== 400) {
    await response.body?.cancel().catch(() => undefined);
    return '';
  }
  try {
    const problem = (await response.json()) as { invalidParams?: { name?: unknown }[] };
    const names = (problem.invalidParams ?? [])
      .map((param) => param.name)
      .filter((name): name is string => typeof name === 'string' && /^[A-Za-z0-9_.]{1,50}$/.test(name));
    return names.length === 0 ? '' : ` (${[...new Set(names)].slice(0, 5).join(', ')})`;
  } catch {
    return '';
  }
}
