export * from './events.js';
export * from './permissions.js';
export * from './realtime-client.js';
export * from './locales.js';
export * from './channels.js';
export * from './markdown.js';
