import { randomBytes } from 'node:crypto';
import { Principal, signAccessToken } from '@casusregie/auth';
import { AppConfig } from '@casusregie/config';
import { fixedClock, ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { openStorage } from '@casusregie/storage';
import { listeningScenarioApi, recordScenarios, SCENARIO_TODAY } from '@casusregie/seeds/scenarios';
import { createApiApp } from '../create-api-app';

/**
 * Records the scenarios through the API itself, run in this process on the configured stores with its clock pinned
 * to the scenarios' "today" and a token secret of its own (only this process signs and checks its tokens). In
 * embedded mode it waits until the projections have taken everything in; with REDIS_URL the projector does that.
 */
export async function loadScenarios(config: AppConfig): Promise<void> {
  const secret = randomBytes(32).toString('base64');
  const apiConfig: AppConfig = { ...config, auth: { jwtSecret: secret }, rateLimitPerMinute: 0 };
  const storage = await openStorage(apiConfig);
  const app = await createApiApp(apiConfig, storage, { clock: fixedClock(SCENARIO_TODAY), logger: ['error', 'warn'] });
  try {
    const bearer = (principal: Principal) => `Bearer ${signAccessToken(principal, secret, { expiresIn: '10m' })}`;
    await recordScenarios(await listeningScenarioApi(app, bearer));
    await app.get(ProjectionTriggerLifecycle).settle();
  } finally {
    await app.close();
  }
}
