import { executionAsyncResource } from 'node:async_hooks';

/**
 * Node 20's `process.nextTick` (about eight calls per HTTP request, inside http and streams)
 * builds its tick object as `{ [async_id_symbol]: …, [trigger_async_id_symbol]: …, callback,
 * args }`. V8 records the object's hidden class at each computed key, holding those classes
 * weakly. A server this size allocates enough while it builds its routes for a full garbage
 * collection to run at a moment when no tick object is alive; the classes die, the next tick
 * object gets new ones, and V8 marks three of the four keys megamorphic for good. From then on
 * every tick object is built through the runtime instead of inline code: about 35,000
 * instructions per request, a quarter of the cost of answering a small constant body.
 *
 * Holding one tick object for the life of the process keeps its classes alive, so the
 * feedback stays monomorphic. The object is taken from inside a tick callback, where it is the
 * current async resource; nothing else refers to it. Call this before the application is built.
 */
const held: object[] = [];

export function keepTickObjectShapeAlive(): Promise<void> {
  return new Promise((resolve) => {
    process.nextTick(() => {
      if (held.length === 0) held.push(executionAsyncResource());
      resolve();
    });
  });
}

