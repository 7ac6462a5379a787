// Tests of the seeded generator: the published mulberry32 stream, reproducibility, and the
// distributions of next, nextInt and normal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importTypeScript } from '../helpers/loadContract.mjs';

const { SeededRandom, randomPermutation } = await importTypeScript('trainer/util/seededRandom.ts');

// Reference formulation of mulberry32 as published (state advanced by 0x6D2B79F5), seeded with
// the splitmix32 finalizer (golden-ratio increment, then the murmur3 fmix32 constants).
function referenceStream(seed, count) {
  let z = (seed + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  let a = (z ^ (z >>> 16)) >>> 0;
  const out = [];
  for (let i = 0; i < count; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out.push(((t ^ (t >>> 14)) >>> 0) / 4294967296);
  }
  return out;
}

function draws(random, count, method = 'next', ...args) {
  return Array.from({ length: count }, () => random[method](...args));
}

test('next matches reference mulberry32', () => {
  for (const seed of [0, 1, 42, 2147483647]) {
    assert.deepEqual(draws(new SeededRandom(seed), 20), referenceStream(seed, 20));
  }
});

test('same seed repeats, other seed differs', () => {
  const first = draws(new SeededRandom(7), 50);
  const again = draws(new SeededRandom(7), 50);
  const other = draws(new SeededRandom(8), 50);
  assert.deepEqual(again, first);
  assert.notDeepEqual(other, first);
});

test('constructor rejects non-integer seed', () => {
  assert.throws(() => new SeededRandom(1.5), /seed must be an integer, got 1.5/);
});

test('next is uniform on [0, 1)', () => {
  const random = new SeededRandom(3);
  const count = 100000;
  const bins = new Array(10).fill(0);
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const value = random.next();
    assert.ok(value >= 0, `value ${value} below 0`);
    assert.ok(value < 1, `value ${value} not below 1`);
    bins[Math.floor(value * 10)]++;
    sum += value;
  }
  const expected = count / 10;
  const chiSquare = bins.reduce((total, observed) => total + (observed - expected) ** 2 / expected, 0);
  // 27.88 is the 99.9 % quantile of chi-square with 9 degrees of freedom.
  assert.ok(chiSquare < 27.88, `chi-square ${chiSquare.toFixed(2)} over bins ${bins}`);
  assert.ok(Math.abs(sum / count - 0.5) < 0.005, `mean ${sum / count}`);
});

test('nextInt covers range evenly', () => {
  const random = new SeededRandom(11);
  const counts = [0, 0, 0];
  for (let i = 0; i < 30000; i++) {
    const value = random.nextInt(3);
    counts[value]++;
  }
  assert.equal(counts.length, 3, 'a value outside 0..2 was drawn');
  assert.equal(counts[0] + counts[1] + counts[2], 30000);
  for (const count of counts) {
    // Expected 10000 with standard deviation 82.
    assert.ok(Math.abs(count - 10000) < 400, `counts ${counts}`);
  }
  assert.equal(random.nextInt(1), 0);
});

test('nextInt rejects invalid bounds', () => {
  const random = new SeededRandom(0);
  assert.throws(() => random.nextInt(0), /maxExclusive must be an integer from 1 to 2\^32, got 0/);
  assert.throws(() => random.nextInt(2.5), /got 2.5/);
});

test('normal has standard moments', () => {
  const random = new SeededRandom(5);
  const count = 100000;
  let sum = 0;
  let sumSquares = 0;
  let withinOne = 0;
  let beyondTwo = 0;
  for (let i = 0; i < count; i++) {
    const value = random.normal();
    sum += value;
    sumSquares += value * value;
    if (Math.abs(value) < 1) withinOne++;
    if (Math.abs(value) > 2) beyondTwo++;
  }
  const mean = sum / count;
  const variance = sumSquares / count - mean * mean;
  assert.ok(Math.abs(mean) < 0.015, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.02, `variance ${variance}`);
  // P(|Z| < 1) = 0.6827 and P(|Z| > 2) = 0.0455 for a standard normal Z.
  assert.ok(Math.abs(withinOne / count - 0.6827) < 0.006, `share within 1: ${withinOne / count}`);
  assert.ok(Math.abs(beyondTwo / count - 0.0455) < 0.003, `share beyond 2: ${beyondTwo / count}`);
});

test('shuffle permutes in place reproducibly', () => {
  const items = Array.from({ length: 100 }, (_, i) => i);
  const result = new SeededRandom(9).shuffle(items);
  assert.equal(result, items);
  assert.deepEqual([...items].sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i));
  assert.notDeepEqual(items, Array.from({ length: 100 }, (_, i) => i));
  const again = new SeededRandom(9).shuffle(Array.from({ length: 100 }, (_, i) => i));
  assert.deepEqual(again, items);
});

test('shuffle positions are uniform', () => {
  const random = new SeededRandom(21);
  const firstCounts = [0, 0, 0, 0];
  for (let i = 0; i < 20000; i++) {
    firstCounts[random.shuffle([0, 1, 2, 3])[0]]++;
  }
  for (const count of firstCounts) {
    // Expected 5000 with standard deviation 61.
    assert.ok(Math.abs(count - 5000) < 300, `first-position counts ${firstCounts}`);
  }
});

test('randomPermutation contains each index once', () => {
  const order = randomPermutation(1000, new SeededRandom(4));
  assert.equal(order.length, 1000);
  assert.deepEqual([...order].sort((a, b) => a - b), Array.from({ length: 1000 }, (_, i) => i));
});

test('fork ignores draws made before', () => {
  const fresh = new SeededRandom(12);
  const used = new SeededRandom(12);
  draws(used, 17);
  assert.deepEqual(draws(used.fork('colors'), 10), draws(fresh.fork('colors'), 10));
});

test('fork labels give distinct streams', () => {
  const parent = new SeededRandom(12);
  const colors = draws(parent.fork('colors'), 2000);
  const subset = draws(parent.fork('subset'), 2000);
  const own = draws(new SeededRandom(12), 2000);
  assert.notDeepEqual(colors, subset);
  assert.notDeepEqual(colors, own);
  let products = 0;
  for (let i = 0; i < colors.length; i++) products += (colors[i] - 0.5) * (subset[i] - 0.5);
  // Correlation of independent uniforms over 2000 pairs has standard deviation 0.022.
  const correlation = products / colors.length / (1 / 12);
  assert.ok(Math.abs(correlation) < 0.1, `correlation ${correlation}`);
});

test('fork depends on parent seed', () => {
  assert.notDeepEqual(draws(new SeededRandom(1).fork('x'), 5), draws(new SeededRandom(2).fork('x'), 5));
});
