import type { FastifyInstance } from 'fastify';
import type { IntentFinisher } from './audit/audit-reconciler.js';

/**
 * What a feature folder gives the runtime, through its one factory (`createXFeature(core, …)`):
 * its routes, what it does at start and stop, and the interrupted intents it knows how to finish.
 * The runtime lists the features; nothing else knows them all.
 */
export interface Feature {
  readonly name: string;
  /** Hooks on the root instance, before any feature's routes (authentication). */
  install?(root: FastifyInstance): Promise<void>;
  /** Registers the feature's routes, in a scope of their own. */
  routes?(app: FastifyInstance): void | Promise<void>;
  /** After the server listens, in list order: connect, resume, reconcile. */
  start?(): void | Promise<void>;
  /** When shutdown begins, before the server closes: let clients go (WebSockets get "going away"). */
  drain?(): void | Promise<void>;
  /** On shutdown, after the server closed, in reverse list order. */
  stop?(): void | Promise<void>;
  /** How to finish, at start, what a crash interrupted (by audit action). */
  intents?: Readonly<Record<string, IntentFinisher>>;
}
