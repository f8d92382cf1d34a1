// The tests of formatDuration, with nothing but node: `node test/duration.test.js`.
import assert from 'node:assert/strict';
import { formatDuration } from '../src/duration.js';

const cases = [
  ['zero is 0s', () => assert.equal(formatDuration(0), '0s')],
  ['seconds only', () => assert.equal(formatDuration(45), '45s')],
  ['minutes and seconds', () => assert.equal(formatDuration(125), '2m 5s')],
  ['a whole hour', () => assert.equal(formatDuration(3600), '1h')],
  ['hours, minutes and seconds', () => assert.equal(formatDuration(3725), '1h 2m 5s')],
  ['hours and minutes', () => assert.equal(formatDuration(7260), '2h 1m')],
  ['fractions are dropped', () => assert.equal(formatDuration(61.9), '1m 1s')],
  ['negative durations are refused', () => assert.throws(() => formatDuration(-1), RangeError)],
];

let failed = 0;
for (const [name, run] of cases) {
  try {
    run();
    console.log(`ok - ${name}`);
  } catch (err) {
    failed += 1;
    const detail = 'expected' in err ? `expected ${JSON.stringify(err.expected)}, got ${JSON.stringify(err.actual)}` : err.message;
    console.log(`not ok - ${name}\n  ${detail}`);
  }
}
console.log(`# ${cases.length - failed} ok, ${failed} not ok`);
process.exitCode = failed ? 1 : 0;
