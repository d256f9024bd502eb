import { Inject } from '@nestjs/common';

/**
 * Injection tokens for what a process's main.ts opened before Nest started. Feature modules inject them anywhere,
 * since {@link RuntimeModule} provides them globally:
 *
 *   constructor(@InjectEventStore() private readonly events: EventStore) {}
 */
export const APP_CONFIG = Symbol('APP_CONFIG');
/** The {@link EventStore} port. */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** The read models' {@link SqlDatabase} (PostgreSQL, or PGlite in embedded mode). */
export const READ_MODELS = Symbol('READ_MODELS');
/** The whole {@link Storage}, for the few that need both stores. */
export const STORAGE = Symbol('STORAGE');
/** Every projection, as allProjections(storage) makes them. */
export const PROJECTIONS = Symbol('PROJECTIONS');

export const InjectAppConfig = (): ParameterDecorator => Inject(APP_CONFIG);
export const InjectEventStore = (): ParameterDecorator => Inject(EVENT_STORE);
export const InjectReadModels = (): ParameterDecorator => Inject(READ_MODELS);
export const InjectStorage = (): ParameterDecorator => Inject(STORAGE);
export const InjectProjections = (): ParameterDecorator => Inject(PROJECTIONS);
