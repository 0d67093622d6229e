export * from './api-error.js';
export * from './http-client.js';
export * from './live-socket.js';
export { toQuery, type QueryOf, type QueryValue } from './query-string.js';
export {
  containerPath,
  type ContainerListQuery,
  type ExecOptions,
  type LogQuery,
} from './container-calls.js';
export type { JobListQuery } from './resource-calls.js';
export type { AuditQuery } from './admin-calls.js';
export type { RequesterOptions, Method } from './request.js';
export { stackPath, type ConvertReply, type StackLogQuery } from './stack-calls.js';
export type { AlertQuery, ChannelTestReply } from './alert-calls.js';
