export * from './app-config';
export * from './generated-secret';
export * from './master-key';
export * from './aes-gcm';
export * from './command-line';
