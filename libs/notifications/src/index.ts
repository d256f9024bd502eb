export * from './provider-notification';
export * from './notification-signature';
export * from './provider-notifications.projection';
export * from './notification-delivery-store';
export * from './deliver-notification';
export * from './notification-options';
export * from './bull-notification-delivery';
export * from './in-process-notification-delivery';
