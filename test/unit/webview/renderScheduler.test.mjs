// Tests of the redraw throttle, on a hand-driven clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importModule } from './helpers/loadWebviewModule.mjs';

const { RenderScheduler } = await importModule('webview/shared/renderScheduler.ts');

function manualClock() {
  const clock = {
    time: 0,
    frames: new Map(),
    timers: new Map(),
    nextHandle: 1,
    now: () => clock.time,
    requestFrame(callback) {
      const handle = clock.nextHandle++;
      clock.frames.set(handle, callback);
      return handle;
    },
    cancelFrame: (handle) => clock.frames.delete(handle),
    setTimer(callback, delayMs) {
      const handle = clock.nextHandle++;
      clock.timers.set(handle, { callback, at: clock.time + delayMs });
      return handle;
    },
    clearTimer: (handle) => clock.timers.delete(handle),
    runFrames() {
      const frames = [...clock.frames.values()];
      clock.frames.clear();
      frames.forEach((callback) => callback());
    },
    advance(milliseconds) {
      clock.time += milliseconds;
      for (const [handle, timer] of [...clock.timers]) {
        if (timer.at <= clock.time) {
          clock.timers.delete(handle);
          timer.callback();
        }
      }
    },
  };
  return clock;
}

test('requests coalesce into one frame', () => {
  const clock = manualClock();
  let renders = 0;
  const scheduler = new RenderScheduler(() => renders++, 100, clock);
  scheduler.request();
  scheduler.request();
  scheduler.request();
  assert.equal(clock.frames.size, 1);
  clock.runFrames();
  assert.equal(renders, 1);
});

test('second render waits for interval', () => {
  const clock = manualClock();
  let renders = 0;
  const scheduler = new RenderScheduler(() => renders++, 100, clock);
  scheduler.request();
  clock.runFrames();
  clock.advance(30);
  scheduler.request();
  assert.equal(clock.frames.size, 0);
  clock.advance(69);
  assert.equal(clock.frames.size, 0);
  clock.advance(1);
  assert.equal(clock.frames.size, 1);
  clock.runFrames();
  assert.equal(renders, 2);
});

test('ten renders a second at most', () => {
  const clock = manualClock();
  let renders = 0;
  const scheduler = new RenderScheduler(() => renders++, 100, clock);
  for (let elapsed = 0; elapsed < 1000; elapsed += 5) {
    scheduler.request();
    clock.runFrames();
    clock.advance(5);
  }
  assert.equal(renders, 10);
});

test('dispose cancels pending work', () => {
  const clock = manualClock();
  let renders = 0;
  const scheduler = new RenderScheduler(() => renders++, 100, clock);
  scheduler.request();
  scheduler.dispose();
  clock.runFrames();
  scheduler.request();
  assert.equal(renders, 0);
  assert.equal(clock.frames.size, 0);
});
