export * from './app-config';
export * from './generated-secret';
