import { describe, expect, it } from 'vitest';
import { progressOverTime } from './progress-over-time.js';

describe('progressOverTime', () => {
  const actions = [
    { status: 'completed', startedOn: '2024-03-01', endedOn: '2025-06-30' },
    { status: 'in_progress', startedOn: '2025-01-06', endedOn: null },
    { status: 'abandoned', startedOn: '2024-05-01', endedOn: '2024-09-01' },
    { status: 'planned', startedOn: null, endedOn: null },
  ];
  it('cumulates starts and completions at each year’s end, up to this year', () => {
    expect(progressOverTime(actions, { start: 2024, end: 2029 }, '2026-12-03')).toEqual([
      { year: 2024, started: 2, completed: 0 },
      { year: 2025, started: 3, completed: 1 },
      { year: 2026, started: 3, completed: 1 },
    ]);
  });
  it('stops at the period’s end, and shows nothing before it starts', () => {
    expect(progressOverTime(actions, { start: 2019, end: 2023 }, '2026-12-03')).toHaveLength(5);
    expect(progressOverTime(actions, { start: 2027, end: 2031 }, '2026-12-03')).toEqual([]);
  });
});
