import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../src/engine-types.js';
import { EventFollower, eventNanos } from '../src/event-follower.js';
import { engineCtl, namePrefix, removeContainers, testEngine, testEnv, waitFor } from './int-env.js';

const engine = testEngine();
const prefix = namePrefix('events');
let follower: EventFollower | undefined;

afterEach(async () => {
  await follower?.stop();
});

afterAll(async () => {
  // The restart test stops the engine; make sure it is back for whoever runs next.
  await engineCtl('start');
  await removeContainers(engine, prefix);
  await engine.close();
});

async function createSleeper(name: string, restart: 'no' | 'always'): Promise<string> {
  const { Id } = await engine.createContainer(`${prefix}${name}`, {
    Image: testEnv.image,
    // A shell that exits on SIGTERM: `sleep` as PID 1 ignores it, and the engine's shutdown would
    // then wait its full 10 s grace period.
    Cmd: ['sh', '-c', 'trap "exit 0" TERM; sleep 300 & wait'],
    HostConfig: { NetworkMode: 'host', RestartPolicy: { Name: restart } },
  });
  return Id;
}

/** Follows one container's events and records them, plus the follower's connection changes. */
async function follow(containerId: string): Promise<{ events: EngineEvent[]; states: string[] }> {
  const events: EngineEvent[] = [];
  const states: string[] = [];
  follower = new EventFollower({ engine, filters: { type: ['container'], container: [containerId] } });
  follower.on('event', (e) => events.push(e));
  follower.on('connected', () => states.push('connected'));
  follower.on('disconnected', () => states.push('disconnected'));
  follower.start();
  await waitFor('the event stream', () => follower!.connected);
  return { events, states };
}

const actions = (events: EngineEvent[]) => events.map((e) => e.Action);

describe('EventFollower against the test engine', () => {
  it('sees a container start and die', async () => {
    const id = await createSleeper('life', 'no');
    const { events } = await follow(id);
    await engine.startContainer(id);
    await engine.killContainer(id);
    await waitFor('start and die events', () => actions(events).includes('die'));
    expect(actions(events)).toEqual(expect.arrayContaining(['start', 'kill', 'die']));
    expect(actions(events).indexOf('start')).toBeLessThan(actions(events).indexOf('die'));
    expect(events.every((e) => e.Actor.ID === id && e.Type === 'container')).toBe(true);
  });

  it('replays what the restarted engine did while it was away, without duplicates', async () => {
    const id = await createSleeper('restart', 'always');
    const { events, states } = await follow(id);
    await engine.startContainer(id);
    await waitFor('the first start', () => actions(events).includes('start'));
    const firstStart = eventNanos(events.find((e) => e.Action === 'start')!);

    await engineCtl('stop');
    await engineCtl('start');

    // The restarted engine starts the container itself; the follower must reconnect and get that
    // start from the engine's buffer even if it happened before the new subscription.
    await waitFor('the start after the restart', () =>
      events.some((e) => e.Action === 'start' && eventNanos(e) > firstStart),
    );
    expect(states.slice(0, 3)).toEqual(['connected', 'disconnected', 'connected']);
    const keys = events.map((e) => `${e.timeNanoText}|${e.Action}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect((await engine.inspectContainer(id)).State.Running).toBe(true);
  });
});
