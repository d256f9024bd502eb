/** The API's semantic version, sent as `API-Version` on every response and shown in the OpenAPI document. */
export const API_VERSION = '1.2.0';

/** Only the major version is in the path (NL API Design Rules, API-20). */
export const API_PREFIX = 'api/v1';
