// The median of working-day counts for the efficiency report.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { medianOf } from './efficiency.rules.ts';

const ROWS: [number[], number | null, string][] = [
  [[3, 1, 2], 2, 'odd count: the middle one after sorting'],
  [[7], 7, 'one value'],
  [[4, 1, 3, 2], 2.5, 'even count: the mean of the middle two'],
  [[5, 5], 5, 'two equal values'],
  [[10, 9, 2], 9, 'sorted as numbers, not as text (text would put 10 before 2 and give 2)'],
  [[20, 3, 100, 4], 12, 'even, sorted as numbers: (4 + 20) / 2'],
  [[0, 0, 1], 0, 'zeros count'],
  [[], null, 'none'],
];

for (const [values, median, why] of ROWS) test(`medianOf([${values.join(', ')}]) = ${median} (${why})`, () => assert.equal(medianOf(values), median));

test('the values given are left in their order', () => {
  const values = [3, 1, 2];
  medianOf(values);
  assert.deepEqual(values, [3, 1, 2]);
});
