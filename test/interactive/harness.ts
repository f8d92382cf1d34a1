// Drives the interactive controller with no UI: a real model client over HTTP to the scripted model
// server, a real fixture repository, a temp state directory; records every event and notice and
// lets a test wait for the next one that matches.
import { join } from 'node:path';
import type { Item } from '../../src/protocol/events.ts';
import { createInteractiveController } from '../../src/interactive/controller.ts';
import type { InteractiveOptions } from '../../src/interactive/controller.ts';
import type { InteractiveController, InteractiveEvent, Notice } from '../../src/protocol/interactive.ts';
import { createModelClient } from '../../src/model/client.ts';
import type { ModelClient } from '../../src/model/types.ts';
import { RunStore } from '../../src/runs/store.ts';
import { fixtureRepo, tempDir } from '../support/fixtures.ts';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer, Script } from '../support/model-server.ts';

export interface Session {
  controller: InteractiveController;
  events: InteractiveEvent[];
  server: ModelServer;
  repo: string;
  store: RunStore;
  /** Resolves with the first event at or after the cursor that matches, and moves the cursor past it. */
  next<T extends InteractiveEvent>(match: (e: InteractiveEvent) => e is T, timeoutMs?: number): Promise<T>;
  next(match: (e: InteractiveEvent) => boolean, timeoutMs?: number): Promise<InteractiveEvent>;
  /** Submits and waits for the turn's notice.summary. */
  turn(prompt: string): Promise<Extract<Notice, { type: 'notice.summary' }>>;
  /** Submits a slash command and waits for the first notice it causes of `type`. */
  command<K extends Notice['type']>(text: string, type: K): Promise<Extract<Notice, { type: K }>>;
}

const open: Session[] = [];

export function clientFor(server: ModelServer, model = 'test-model'): ModelClient {
  return createModelClient({ provider: 'openai', model, baseURL: server.url, apiKey: 'sk-test', wireApi: 'responses', retry: { baseDelayMs: 1, maxDelayMs: 5 } });
}

export async function startSession(script: Script, opts: Partial<InteractiveOptions> & { repo?: string; state?: string } = {}): Promise<Session> {
  const server = await startModelServer(script);
  const repo = opts.repo ?? fixtureRepo('date-parser');
  const store = new RunStore(join(opts.state ?? tempDir('hew-state-'), 'hew'));
  const controller = createInteractiveController({
    source: repo,
    model: clientFor(server),
    modelFor: (name) => clientFor(server, name),
    sandboxMode: 'danger-full-access',
    sandboxProbe: null,
    approval: 'on-request',
    network: false,
    store,
    ...opts,
  });
  const events: InteractiveEvent[] = [];
  const waiters: (() => void)[] = [];
  controller.subscribe((e) => {
    events.push(e);
    for (const w of waiters.splice(0)) w();
  });
  let cursor = 0;
  const next = (match: (e: InteractiveEvent) => boolean, timeoutMs = 20_000): Promise<InteractiveEvent> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; last: ${JSON.stringify(events.slice(-5).map((e) => e.type))}`)), timeoutMs);
      const look = (): void => {
        for (let i = cursor; i < events.length; i++) {
          if (match(events[i] as InteractiveEvent)) {
            cursor = i + 1;
            clearTimeout(timer);
            resolve(events[i] as InteractiveEvent);
            return;
          }
        }
        waiters.push(look);
      };
      look();
    });
  const session: Session = {
    controller,
    events,
    server,
    repo,
    store,
    next: next as Session['next'],
    async turn(prompt) {
      controller.submit(prompt);
      return (await next((e) => e.type === 'notice.summary')) as Extract<Notice, { type: 'notice.summary' }>;
    },
    async command(text, type) {
      controller.submit(text);
      return (await next((e) => e.type === type)) as never;
    },
  };
  open.push(session);
  return session;
}

/** Quits every session still open and closes its server (call in afterEach). */
export async function closeSessions(): Promise<void> {
  for (const s of open.splice(0)) {
    await s.controller.quit();
    await s.server.close();
  }
}

export function isType<K extends InteractiveEvent['type']>(type: K) {
  return (e: InteractiveEvent): e is Extract<InteractiveEvent, { type: K }> => e.type === type;
}

/** Items of `type` as they were completed, in order. */
export function completed<K extends Item['type']>(events: InteractiveEvent[], type: K): Extract<Item, { type: K }>[] {
  return events.flatMap((e) => (e.type === 'item.completed' && e.item.type === type ? [e.item as Extract<Item, { type: K }>] : []));
}

/** The `input` list the model server received in request `i` (Responses wire). */
export function requestInput(server: ModelServer, i: number): { type: string; role?: string; content?: unknown; call_id?: string; output?: string }[] {
  return server.requests[i]!.body.input;
}
