export * from './app-config';
export * from './secret-files';
export * from './generated-secret';
export * from './master-key';
export * from './aes-gcm';
export * from './notification-settings';
export * from './command-line';
export * from './dashboard-settings';
