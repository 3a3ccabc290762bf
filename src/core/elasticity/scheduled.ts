/**
 * Scheduled scaling ("at 09:00 on weekdays set min replicas to 10"), driven by 5-field cron
 * expressions evaluated on SIMULATED time.
 *
 * The simulated calendar: t = 0 is Monday 00:00 of day 0, and t counts seconds. Days have 86 400 s
 * (no time zones, no daylight saving, no leap seconds). So that day-of-month and month fields mean
 * something, day 0 is Monday 1 January 2001 of the proleptic Gregorian calendar (2001 began on a
 * Monday), and dates run on from there with the usual leap years (2004, 2008, …; 2100 is not one).
 * Negative times are the days before, in the same calendar.
 *
 * Cron syntax (as in Vixie cron / crontab(5)):
 *   minute (0–59)  hour (0–23)  day-of-month (1–31)  month (1–12 or JAN–DEC)  day-of-week (0–7 or
 *   SUN–SAT; 0 and 7 are Sunday)
 * Each field is `*`, a value, a range `a-b`, a step `*\/n`, `a-b/n` or `a/n` (= a to the end by n), or
 * a comma-separated list of those. `@yearly`/`@annually`, `@monthly`, `@weekly`, `@daily`/`@midnight`
 * and `@hourly` are accepted too. When both day-of-month and day-of-week are restricted (neither
 * starts with `*`), a day matches if EITHER matches — crontab(5)'s rule, the one most people trip on.
 * A schedule fires at second 0 of each matching minute.
 */

import { checkFinite } from './util';

const MINUTE = 60;
const DAY = 86_400;
/** Day 0 of the simulation as a count of days since 1970-01-01 (2001-01-01, a Monday). */
const EPOCH_DAYS_SINCE_1970 = 11_323;

interface FieldSpec {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  { label: 'minute', min: 0, max: 59 },
  { label: 'hour', min: 0, max: 23 },
  { label: 'day of month', min: 1, max: 31 },
  { label: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { label: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** A parsed expression: the allowed values of each field, sorted. */
export interface CronSchedule {
  readonly source: string;
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: readonly number[];
  readonly months: readonly number[];
  /** 0–6, Sunday = 0 (a 7 in the expression is folded into 0). */
  readonly daysOfWeek: readonly number[];
  /** Whether the day-of-month / day-of-week field starts with `*` (unrestricted for the OR rule). */
  readonly domStar: boolean;
  readonly dowStar: boolean;
}

export type CronParse = { readonly ok: true; readonly cron: CronSchedule } | { readonly ok: false; readonly errors: readonly string[] };

/** Parses a cron expression; errors are plain sentences, one per faulty field. */
export function parseCron(expression: string): CronParse {
  const trimmed = expression.trim();
  const text = trimmed.startsWith('@') ? MACROS[trimmed.toLowerCase()] : trimmed;
  if (text === undefined) return { ok: false, errors: [`unknown shorthand "${trimmed}" (known: ${Object.keys(MACROS).join(', ')})`] };
  const parts = text.split(/\s+/).filter((p) => p !== '');
  if (parts.length !== 5) {
    return { ok: false, errors: [`expected 5 fields (minute hour day-of-month month day-of-week), found ${parts.length}${parts.length === 0 ? '' : `: "${text}"`}`] };
  }
  const errors: string[] = [];
  const sets: number[][] = [];
  parts.forEach((part, i) => {
    const r = parseField(part, FIELDS[i]!);
    if (typeof r === 'string') errors.push(`field ${i + 1} (${FIELDS[i]!.label}): ${r}`);
    else sets.push(r);
  });
  if (errors.length > 0) return { ok: false, errors };
  const [minutes, hours, daysOfMonth, months, dowRaw] = sets as [number[], number[], number[], number[], number[]];
  const daysOfWeek = [...new Set(dowRaw.map((d) => d % 7))].sort((a, b) => a - b);
  return {
    ok: true,
    cron: { source: trimmed, minutes, hours, daysOfMonth, months, daysOfWeek, domStar: parts[2]!.startsWith('*'), dowStar: parts[4]!.startsWith('*') },
  };
}

/** Like parseCron but throws an Error whose message lists the problems. */
export function cron(expression: string): CronSchedule {
  const r = parseCron(expression);
  if (!r.ok) throw new Error(`bad cron expression "${expression}": ${r.errors.join('; ')}`);
  return r.cron;
}

function parseField(text: string, spec: FieldSpec): number[] | string {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') return `empty list item in "${text}"`;
    const [rangePart, stepPart, extra] = item.split('/');
    if (extra !== undefined) return `"${item}" has more than one "/"`;
    let step = 1;
    if (stepPart !== undefined) {
      if (!/^\d+$/.test(stepPart)) return `step "${stepPart}" is not a whole number`;
      step = Number(stepPart);
      if (step < 1) return `step ${step} must be at least 1`;
    }
    let lo: number;
    let hi: number;
    if (rangePart === '*') {
      lo = spec.min;
      hi = spec.label === 'day of week' ? 6 : spec.max;
    } else {
      const bounds = rangePart!.split('-');
      if (bounds.length > 2) return `"${rangePart}" is not a value or a range a-b`;
      const a = parseValue(bounds[0]!, spec);
      if (typeof a === 'string') return a;
      lo = a;
      if (bounds.length === 2) {
        const b = parseValue(bounds[1]!, spec);
        if (typeof b === 'string') return b;
        hi = b;
        if (hi < lo) return `range ${bounds[0]}-${bounds[1]} runs backwards`;
      } else {
        hi = stepPart !== undefined ? (spec.label === 'day of week' ? 6 : spec.max) : lo; // "a/n" runs to the end
      }
    }
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

function parseValue(token: string, spec: FieldSpec): number | string {
  if (token === '') return 'a value is missing';
  if (/^\d+$/.test(token)) {
    const v = Number(token);
    if (v < spec.min || v > spec.max) return `${v} is out of range ${spec.min}–${spec.max}`;
    return v;
  }
  if (spec.names) {
    const k = spec.names.indexOf(token.toUpperCase());
    if (k >= 0) return spec.label === 'month' ? k + 1 : k;
    return `"${token}" is not a number or a ${spec.label === 'month' ? 'month name (JAN–DEC)' : 'day name (SUN–SAT)'}`;
  }
  return `"${token}" is not a number`;
}

// ------------------------------------------------------------------ the simulated calendar

/** The calendar date of simulated day `day` (day 0 = Monday 1 January 2001). */
export function simDate(day: number): { year: number; month: number; dayOfMonth: number; dayOfWeek: number } {
  const { year, month, dayOfMonth } = civilFromDays(day + EPOCH_DAYS_SINCE_1970);
  return { year, month, dayOfMonth, dayOfWeek: (mod(day, 7) + 1) % 7 };
}

/** Calendar fields of a simulated time t (seconds). */
export function simCalendar(t: number): { year: number; month: number; dayOfMonth: number; dayOfWeek: number; hour: number; minute: number; second: number } {
  const day = Math.floor(t / DAY);
  const rest = t - day * DAY;
  const hour = Math.floor(rest / 3600);
  const minute = Math.floor((rest - hour * 3600) / MINUTE);
  return { ...simDate(day), hour, minute, second: rest - hour * 3600 - minute * MINUTE };
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/**
 * Gregorian date of a day count since 1970-01-01, by counting in 400-year eras that start on
 * 1 March (so the leap day is the last day of its "year"). Exact integer arithmetic throughout.
 */
function civilFromDays(days: number): { year: number; month: number; dayOfMonth: number } {
  const z = days + 719_468; // days since 0000-03-01
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097; // 0 … 146096
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100)); // from 1 March
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March … 11 = February
  const dayOfMonth = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, dayOfMonth };
}

// ------------------------------------------------------------------ matching and searching

function dayMatches(c: CronSchedule, day: number): boolean {
  const d = simDate(day);
  if (!c.months.includes(d.month)) return false;
  const dom = c.daysOfMonth.includes(d.dayOfMonth);
  const dow = c.daysOfWeek.includes(d.dayOfWeek);
  if (c.domStar || c.dowStar) return dom && dow; // a starred field matches every day anyway
  return dom || dow;
}

/** Whether the schedule fires at simulated time t (t must be a whole minute). */
export function matches(schedule: CronSchedule | string, t: number): boolean {
  const c = typeof schedule === 'string' ? cron(schedule) : schedule;
  if (t % MINUTE !== 0) return false;
  const day = Math.floor(t / DAY);
  const minuteOfDay = (t - day * DAY) / MINUTE;
  return dayMatches(c, day) && c.hours.includes(Math.floor(minuteOfDay / 60)) && c.minutes.includes(minuteOfDay % 60);
}

const DAYS_IN_MONTH_MAX = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const SEARCH_DAYS = 146_097; // one full Gregorian cycle: every date/weekday combination recurs within it

/** Whether any calendar day can match at all (e.g. "0 0 30 2 *" — 30 February — never does). */
function canEverMatch(c: CronSchedule): boolean {
  if (!c.domStar && !c.dowStar) return true; // OR rule: the weekday alone matches some day
  if (!c.dowStar && c.domStar) return true;
  return c.months.some((m) => c.daysOfMonth.some((d) => d <= DAYS_IN_MONTH_MAX[m]!));
}

/** The matching minutes of one day, as minutes since midnight, ascending. */
function minutesOfDay(c: CronSchedule): number[] {
  const out: number[] = [];
  for (const h of c.hours) for (const m of c.minutes) out.push(h * 60 + m);
  return out;
}

/**
 * The first time strictly after `afterTime` at which the schedule fires, or null if it never does.
 * Throws on a bad expression (with the same plain-language message as parseCron).
 */
export function nextFire(schedule: CronSchedule | string, afterTime: number): number | null {
  checkFinite('afterTime', afterTime);
  const c = typeof schedule === 'string' ? cron(schedule) : schedule;
  if (!canEverMatch(c)) return null;
  const mins = minutesOfDay(c);
  const first = Math.floor(afterTime / MINUTE) * MINUTE + MINUTE; // next whole minute > afterTime
  let day = Math.floor(first / DAY);
  let fromMinute = (first - day * DAY) / MINUTE;
  for (let k = 0; k <= SEARCH_DAYS; k++, day++, fromMinute = 0) {
    if (!dayMatches(c, day)) continue;
    const m = mins.find((x) => x >= fromMinute);
    if (m !== undefined) return day * DAY + m * MINUTE;
  }
  return null;
}

/** The last time at or before `atOrBefore` at which the schedule fired, or null if it never did. */
export function previousFire(schedule: CronSchedule | string, atOrBefore: number): number | null {
  checkFinite('atOrBefore', atOrBefore);
  const c = typeof schedule === 'string' ? cron(schedule) : schedule;
  if (!canEverMatch(c)) return null;
  const mins = minutesOfDay(c);
  const last = Math.floor(atOrBefore / MINUTE) * MINUTE; // last whole minute ≤ atOrBefore
  let day = Math.floor(last / DAY);
  let toMinute = (last - day * DAY) / MINUTE;
  for (let k = 0; k <= SEARCH_DAYS; k++, day--, toMinute = 1439) {
    if (!dayMatches(c, day)) continue;
    for (let i = mins.length - 1; i >= 0; i--) if (mins[i]! <= toMinute) return day * DAY + mins[i]! * MINUTE;
  }
  return null;
}

/** Every fire time in (from, to], ascending. */
export function firesBetween(schedule: CronSchedule | string, from: number, to: number): number[] {
  const c = typeof schedule === 'string' ? cron(schedule) : schedule;
  const out: number[] = [];
  for (let t = nextFire(c, from); t !== null && t <= to; t = nextFire(c, t)) out.push(t);
  return out;
}

// ------------------------------------------------------------------ scheduled actions

/** What a scheduled action sets; fields left out are left alone. */
export interface ScheduledSettings {
  readonly minReplicas?: number;
  readonly maxReplicas?: number;
  readonly desiredReplicas?: number;
}

export interface ScheduledAction {
  readonly name: string;
  readonly cron: string;
  readonly set: ScheduledSettings;
}

/** Per setting: the value in force, since when, and which action set it. */
export type SettingsInForce = { readonly [K in keyof ScheduledSettings]?: { readonly value: number; readonly since: number; readonly action: string } };

export interface ScheduledFire {
  readonly time: number;
  /** Index of the action in the list given to ScheduledScaling. */
  readonly index: number;
  readonly action: ScheduledAction;
}

/**
 * A list of scheduled actions (like AWS Auto Scaling scheduled actions or KEDA's cron scaler).
 * The simulation asks `nextFire(now)` to schedule its next event, `due(from, to)` for everything that
 * fired in an interval, and `settingsAt(t)` for the values in force at t (each field from the latest
 * action that set it at or before t; on a tie the later action in the list wins).
 */
export class ScheduledScaling {
  readonly actions: readonly ScheduledAction[];
  private readonly schedules: readonly CronSchedule[];

  constructor(actions: readonly ScheduledAction[]) {
    const errors: string[] = [];
    const schedules: CronSchedule[] = [];
    actions.forEach((a, i) => {
      const r = parseCron(a.cron);
      if (!r.ok) errors.push(...r.errors.map((e) => `action ${i + 1} (${a.name}): ${e}`));
      else schedules.push(r.cron);
      for (const [k, v] of Object.entries(a.set)) {
        if (v !== undefined && (!Number.isInteger(v) || v < 0)) errors.push(`action ${i + 1} (${a.name}): ${k} must be a whole number ≥ 0, got ${String(v)}`);
      }
      const { minReplicas: lo, maxReplicas: hi } = a.set;
      if (lo !== undefined && hi !== undefined && lo > hi) errors.push(`action ${i + 1} (${a.name}): minReplicas (${lo}) must not exceed maxReplicas (${hi})`);
    });
    if (errors.length > 0) throw new Error(errors.join('\n'));
    this.actions = actions.map((a) => ({ ...a, set: { ...a.set } }));
    this.schedules = schedules;
  }

  /** The earliest fire strictly after `after` (ties: the earlier action), or null. */
  nextFire(after: number): ScheduledFire | null {
    let best: ScheduledFire | null = null;
    for (let i = 0; i < this.schedules.length; i++) {
      const t = nextFire(this.schedules[i]!, after);
      if (t !== null && (best === null || t < best.time)) best = { time: t, index: i, action: this.actions[i]! };
    }
    return best;
  }

  /** Every fire in (from, to], by time, then by list order. */
  due(from: number, to: number): ScheduledFire[] {
    const out: ScheduledFire[] = [];
    this.schedules.forEach((c, index) => {
      for (const time of firesBetween(c, from, to)) out.push({ time, index, action: this.actions[index]! });
    });
    return out.sort((a, b) => a.time - b.time || a.index - b.index);
  }

  /** The settings in force at t, with the time and action each came from. */
  settingsAt(t: number): SettingsInForce {
    const out: { -readonly [K in keyof SettingsInForce]: SettingsInForce[K] } = {};
    const keys = ['minReplicas', 'maxReplicas', 'desiredReplicas'] as const;
    for (const key of keys) {
      let best: { value: number; since: number; action: string; index: number } | null = null;
      for (let i = 0; i < this.schedules.length; i++) {
        const value = this.actions[i]!.set[key];
        if (value === undefined) continue;
        const since = previousFire(this.schedules[i]!, t);
        if (since === null) continue;
        if (best === null || since > best.since || (since === best.since && i > best.index)) best = { value, since, action: this.actions[i]!.name, index: i };
      }
      if (best) out[key] = { value: best.value, since: best.since, action: best.action };
    }
    return out;
  }
}
