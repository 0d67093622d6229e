export * from './common.js';
export * from './hosts.js';
export * from './audit.js';
