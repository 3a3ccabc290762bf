import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cron, firesBetween, matches, nextFire, parseCron, previousFire, ScheduledScaling, simCalendar, simDate } from './scheduled';

const H = 3600;
const D = 86_400;

describe('cron parsing', () => {
  it('expands values, lists, ranges, steps and names', () => {
    const c = cron('*/15 9-17/4 1,15 JAN-MAR mon-fri');
    expect(c.minutes).toEqual([0, 15, 30, 45]);
    expect(c.hours).toEqual([9, 13, 17]);
    expect(c.daysOfMonth).toEqual([1, 15]);
    expect(c.months).toEqual([1, 2, 3]);
    expect(c.daysOfWeek).toEqual([1, 2, 3, 4, 5]);
    expect(cron('0 0 * * 7').daysOfWeek).toEqual([0]); // 7 is Sunday too
    expect(cron('5/20 * * * *').minutes).toEqual([5, 25, 45]);
    expect(cron('@daily').minutes).toEqual([0]);
    expect(cron('  0   9 * *   1  ').hours).toEqual([9]);
  });

  it('explains what is wrong, field by field', () => {
    expect(parseCron('0 25 * * *')).toEqual({ ok: false, errors: ['field 2 (hour): 25 is out of range 0–23'] });
    expect(parseCron('* * *')).toEqual({ ok: false, errors: ['expected 5 fields (minute hour day-of-month month day-of-week), found 3: "* * *"'] });
    expect(parseCron('')).toEqual({ ok: false, errors: ['expected 5 fields (minute hour day-of-month month day-of-week), found 0'] });
    expect(parseCron('*/0 * 0 13 FUN')).toEqual({
      ok: false,
      errors: [
        'field 1 (minute): step 0 must be at least 1',
        'field 3 (day of month): 0 is out of range 1–31',
        'field 4 (month): 13 is out of range 1–12',
        'field 5 (day of week): "FUN" is not a number or a day name (SUN–SAT)',
      ],
    });
    expect(parseCron('30-10 * * * *')).toEqual({ ok: false, errors: ['field 1 (minute): range 30-10 runs backwards'] });
    expect(parseCron('1,,2 * * * *')).toEqual({ ok: false, errors: ['field 1 (minute): empty list item in "1,,2"'] });
    expect(parseCron('x * * * *')).toEqual({ ok: false, errors: ['field 1 (minute): "x" is not a number'] });
    expect(parseCron('@often')).toMatchObject({ ok: false });
    expect(() => nextFire('0 24 * * *', 0)).toThrow('bad cron expression "0 24 * * *": field 2 (hour): 24 is out of range 0–23');
  });
});

describe('the simulated calendar', () => {
  it('starts on Monday 1 January 2001 at t = 0', () => {
    expect(simDate(0)).toEqual({ year: 2001, month: 1, dayOfMonth: 1, dayOfWeek: 1 });
    expect(simDate(-1)).toEqual({ year: 2000, month: 12, dayOfMonth: 31, dayOfWeek: 0 });
    expect(simDate(31)).toEqual({ year: 2001, month: 2, dayOfMonth: 1, dayOfWeek: 4 });
    expect(simCalendar(9 * H + 30 * 60 + 5)).toEqual({ year: 2001, month: 1, dayOfMonth: 1, dayOfWeek: 1, hour: 9, minute: 30, second: 5 });
  });

  it('agrees with the Gregorian calendar of Date.UTC over four centuries (tests only: core has no Date)', () => {
    const epoch = Date.UTC(2001, 0, 1);
    for (let day = -40_000; day <= 150_000; day += 7) {
      const d = new Date(epoch + day * D * 1000);
      expect(simDate(day)).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, dayOfMonth: d.getUTCDate(), dayOfWeek: d.getUTCDay() });
    }
  });
});

describe('next and previous fire times', () => {
  it('finds "09:00 on weekdays"', () => {
    const e = '0 9 * * 1-5';
    expect(nextFire(e, 0)).toBe(9 * H); // Monday
    expect(nextFire(e, 9 * H)).toBe(D + 9 * H); // strictly after: Tuesday
    expect(nextFire(e, 4 * D + 10 * H)).toBe(7 * D + 9 * H); // Friday 10:00 → next Monday
    expect(firesBetween(e, 0, 7 * D)).toEqual([0, 1, 2, 3, 4].map((d) => d * D + 9 * H));
    expect(previousFire('0 18 * * 1-5', 0)).toBe(-3 * D + 18 * H); // Friday 29 December 2000
    expect(previousFire(e, 9 * H)).toBe(9 * H); // at or before
  });

  it('moves to the next whole minute', () => {
    expect(nextFire('* * * * *', 0)).toBe(60);
    expect(nextFire('* * * * *', 59.5)).toBe(60);
    expect(nextFire('* * * * *', -0.5)).toBe(0);
    expect(matches('* * * * *', 90)).toBe(false);
  });

  it('follows months, leap days, and never-dates', () => {
    expect(nextFire('0 0 1 * *', 0)).toBe(31 * D); // 1 February
    const leap = nextFire('0 12 29 2 *', 0)!;
    expect(simCalendar(leap)).toMatchObject({ year: 2004, month: 2, dayOfMonth: 29, hour: 12 });
    expect(nextFire('0 0 30 2 *', 0)).toBeNull();
    expect(nextFire('0 0 31 4,6,9,11 *', 0)).toBeNull();
    expect(previousFire('0 0 30 2 *', 0)).toBeNull();
    expect(simCalendar(nextFire('@yearly', 1)!)).toMatchObject({ year: 2002, month: 1, dayOfMonth: 1 });
  });

  it('fires when EITHER a restricted day of month or a restricted day of week matches (crontab(5))', () => {
    const days = firesBetween('0 0 13 * 5', -1, 20 * D).map((t) => t / D);
    expect(days).toEqual([4, 11, 12, 18]); // Fri 5, Fri 12, Sat 13, Fri 19 January 2001
    // "*/10" starts with "*", so both fields must match: Mondays that are the 1st, 11th, 21st or 31st.
    expect(firesBetween('0 0 */10 * 1', -1, 31 * D).map((t) => t / D)).toEqual([0]);
    expect(simDate(nextFire('0 0 */10 * 1', 0)! / D)).toMatchObject({ month: 5, dayOfMonth: 21, dayOfWeek: 1 }); // Monday 21 May 2001
  });

  it('agrees with a minute-by-minute scan (property)', () => {
    const subset = (lo: number, hi: number) => fc.uniqueArray(fc.integer({ min: lo, max: hi }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(subset(0, 59), subset(0, 23), subset(0, 6), fc.integer({ min: -3 * D, max: 30 * D }), (mins, hours, dows, after) => {
        const expr = `${mins.join(',')} ${hours.join(',')} * * ${dows.join(',')}`;
        const t = nextFire(expr, after)!;
        expect(t).toBeGreaterThan(after);
        expect(matches(expr, t)).toBe(true);
        for (let u = Math.floor(after / 60) * 60 + 60; u < t; u += 60) {
          const c = simCalendar(u);
          const hit = mins.includes(c.minute) && hours.includes(c.hour) && dows.includes(c.dayOfWeek);
          expect(hit).toBe(false);
        }
        expect(previousFire(expr, t)).toBe(t);
        expect(previousFire(expr, t - 1)! < t).toBe(true);
        expect(nextFire(expr, previousFire(expr, t - 1)!)).toBe(t);
      }),
      { numRuns: 60 },
    );
  });
});

describe('scheduled scaling', () => {
  const office = new ScheduledScaling([
    { name: 'morning', cron: '0 9 * * MON-FRI', set: { minReplicas: 10 } },
    { name: 'evening', cron: '0 18 * * MON-FRI', set: { minReplicas: 2 } },
    { name: 'weekend cap', cron: '0 0 * * SAT', set: { maxReplicas: 4 } },
    { name: 'weekday cap', cron: '0 0 * * MON', set: { maxReplicas: 40 } },
  ]);

  it('lists what fires in an interval, in order', () => {
    const week = office.due(0, 7 * D);
    // 5 mornings, 5 evenings, Saturday, and next Monday 00:00 (t = 7 d is in (0, 7 d]; t = 0 is not)
    expect(week.length).toBe(12);
    expect(week.slice(0, 2).map((f) => [f.time, f.action.name])).toEqual([
      [9 * H, 'morning'],
      [18 * H, 'evening'],
    ]);
    expect(office.nextFire(0)).toMatchObject({ time: 9 * H, index: 0 });
    expect(office.nextFire(4 * D + 18 * H)).toMatchObject({ time: 5 * D, action: { name: 'weekend cap' } });
  });

  it('knows the settings in force at any time, even before the first fire after t = 0', () => {
    expect(office.settingsAt(0)).toEqual({
      minReplicas: { value: 2, since: -3 * D + 18 * H, action: 'evening' },
      maxReplicas: { value: 40, since: 0, action: 'weekday cap' },
    });
    expect(office.settingsAt(9 * H).minReplicas).toEqual({ value: 10, since: 9 * H, action: 'morning' });
    expect(office.settingsAt(5 * D + 12 * H).maxReplicas?.value).toBe(4);
  });

  it('rejects bad actions with their names', () => {
    expect(
      () =>
        new ScheduledScaling([
          { name: 'ok', cron: '0 9 * * *', set: { minReplicas: 1 } },
          { name: 'evening', cron: '0 25 * * *', set: { minReplicas: 5, maxReplicas: 3 } },
        ]),
    ).toThrow('action 2 (evening): field 2 (hour): 25 is out of range 0–23\naction 2 (evening): minReplicas (5) must not exceed maxReplicas (3)');
  });
});
