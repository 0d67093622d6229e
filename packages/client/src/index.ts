export * from './api-error.js';
export * from './http-client.js';
export * from './live-socket.js';
