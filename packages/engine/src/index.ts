export * from './docker-engine.js';
export * from './engine-types.js';
export * from './engine-errors.js';
