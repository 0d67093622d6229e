import { describe, expect, it } from 'vitest';
import { EngineError } from '@harbourmaster/engine';
import { engineErrorReply } from './engine-error-reply.js';

describe('engineErrorReply', () => {
  it.each([
    [400, 'invalid reference format', 400, 'validation'],
    [404, 'No such container: x', 404, 'not_found'],
    [409, 'Container abc is not running', 409, 'conflict'],
    [304, 'not modified', 409, 'conflict'],
    [403, 'error while removing network: network n has active endpoints', 409, 'conflict'],
    [500, 'Container abc is not paused', 409, 'conflict'],
    [500, 'Container abc is already paused', 409, 'conflict'],
    [500, 'Cannot kill container: x: Container abc is not running', 409, 'conflict'],
    [500, 'Container abc is restarting, wait until the container is running', 409, 'conflict'],
    [500, 'driver failed programming external connectivity', 502, 'engine_error'],
    [503, 'This node is not a swarm manager', 502, 'engine_error'],
    [502, 'Bad Gateway', 502, 'engine_error'],
  ])('engine %i "%s" is our %i %s, with the engine message', (engineStatus, message, status, code) => {
    expect(engineErrorReply(new EngineError(engineStatus, message))).toEqual({
      status,
      reply: { error: code, message },
    });
  });
});
