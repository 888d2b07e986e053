export * from './api.js';
export * from './calls.js';
export * from './errors.js';
export * from './events.js';
export * as schemas from './schemas.js';
