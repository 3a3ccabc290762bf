import type { z } from 'zod';
import { jsonErrorAt, lineColumn } from './json-position';
import { migrate } from './migrate';
import { expandSaas } from './saas';
import { scenarioSchema, type Scenario } from './schema';

/** One problem in a scenario: where (a path like `services[2].replicas`) and what, in plain words. */
export interface ScenarioIssue {
  path: string;
  message: string;
}

export type ParseResult = { ok: true; scenario: Scenario; migratedFrom?: number } | { ok: false; errors: ScenarioIssue[] };

/** `services[2].replicas` from ['services', 2, 'replicas']. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Renders an issue as one line: `services[2].replicas: must be at least 1, got 0`. */
export function issueLine(i: ScenarioIssue): string {
  return i.path === '' ? i.message : `${i.path}: ${i.message}`;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return 'an object';
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `text ${show(value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `${value}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** The closest of `options` to `word` by edit distance, if it is close enough to be a likely typo. */
function closest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const dist = editDistance(word.toLowerCase(), o.toLowerCase());
    if (dist < bestD) {
      bestD = dist;
      best = o;
    }
  }
  return bestD <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

function knownKeys(input: unknown): string[] {
  return input !== null && typeof input === 'object' ? Object.keys(input) : [];
}

/** Turns one zod issue into plain-language lines (an unknown-keys issue names each key). */
function plainIssues(issue: z.core.$ZodIssue, schemaKeysAt: (path: PropertyKey[]) => string[]): ScenarioIssue[] {
  const path = formatPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return [{ path, message: 'is required' }];
      const want = EXPECTED[issue.expected] ?? issue.expected;
      return [{ path, message: `must be ${want}, got ${typeName(input)}` }];
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set')
        return [{ path, message: `needs at least ${min} item${min === 1 ? '' : 's'}, got ${Array.isArray(input) ? input.length : 0}` }];
      if (issue.origin === 'string') return [{ path, message: min <= 1 ? 'must not be empty' : `must be at least ${min} characters long` }];
      return [{ path, message: `must be ${issue.inclusive ? 'at least' : 'greater than'} ${min}, got ${show(input)}` }];
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set')
        return [{ path, message: `allows at most ${max} items, got ${Array.isArray(input) ? input.length : '?'}` }];
      if (issue.origin === 'string') return [{ path, message: `must be at most ${max} characters long` }];
      return [{ path, message: `must be ${issue.inclusive ? 'at most' : 'less than'} ${max}, got ${show(input)}` }];
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v));
      if (values.length === 1) return [{ path, message: `must be ${values[0]}, got ${show(input)}` }];
      const hint = typeof input === 'string' ? closest(input, issue.values.map(String)) : undefined;
      return [{ path, message: `must be one of ${values.join(', ')}, got ${show(input)}${hint ? ` (did you mean "${hint}"?)` : ''}` }];
    }
    case 'unrecognized_keys': {
      const allowed = schemaKeysAt(issue.path);
      const present = knownKeys(input);
      return issue.keys.map((key) => {
        const hint = closest(
          key,
          allowed.filter((k) => !present.includes(k)),
        );
        return {
          path: formatPath([...issue.path, key]),
          message: `unknown field${hint ? ` (did you mean "${hint}"?)` : ''}`,
        };
      });
    }
    case 'invalid_union': {
      const disc = (issue as { discriminator?: string; options?: unknown[] }).discriminator;
      if (disc !== undefined) {
        const options = ((issue as { options?: unknown[] }).options ?? []).map((o) => JSON.stringify(o));
        const got = input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[disc] : undefined;
        const p = formatPath(issue.path[issue.path.length - 1] === disc ? issue.path : [...issue.path, disc]);
        if (input === null || typeof input !== 'object' || Array.isArray(input))
          return [{ path: formatPath(issue.path.filter((x) => x !== disc)), message: `must be an object with "${disc}", got ${typeName(input)}` }];
        return [{ path: p, message: `must be one of ${options.join(', ')}, got ${show(got)}` }];
      }
      // A value that fits no branch of a union: report the branch errors of the closest branch.
      const branches = issue.errors;
      if (branches.length > 0) {
        const best = branches.reduce((a, b) => (b.length < a.length ? b : a));
        return best.flatMap((sub) => plainIssues({ ...sub, path: [...issue.path, ...sub.path] } as z.core.$ZodIssue, schemaKeysAt));
      }
      return [{ path, message: `has an unexpected form (${show(input)})` }];
    }
    case 'invalid_format': {
      const msg = issue.message.startsWith('must') ? issue.message : `has the wrong format`;
      return [{ path, message: `${msg}, got ${show(input)}` }];
    }
    case 'not_multiple_of':
      return [{ path, message: `must be a multiple of ${String(issue.divisor)}, got ${show(input)}` }];
    case 'custom':
    default:
      return [{ path, message: issue.message }];
  }
}

/** Field names the schema allows at a path (for "did you mean" hints). */
function keysAt(path: PropertyKey[]): string[] {
  // Walk the JSON-ish structure of the zod schema; unions are searched for an object with the most keys.
  let node: unknown = scenarioSchema;
  for (const part of path) {
    node = unwrap(node);
    if (typeof part === 'number') node = elementOf(node);
    else node = shapeOf(node)?.[part as string];
    if (node === undefined) return [];
  }
  return Object.keys(shapeOf(unwrap(node)) ?? {});
}

type AnySchema = { _zod: { def: Record<string, unknown> } };
function defOf(node: unknown): Record<string, unknown> | undefined {
  return (node as AnySchema | undefined)?._zod?.def;
}
function unwrap(node: unknown): unknown {
  let cur = node;
  for (let k = 0; k < 10; k++) {
    const def = defOf(cur);
    if (!def) return cur;
    if (def.type === 'pipe') cur = def.in;
    else if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') cur = def.innerType;
    else return cur;
  }
  return cur;
}
function elementOf(node: unknown): unknown {
  const def = defOf(node);
  return def?.type === 'array' ? def.element : undefined;
}
function shapeOf(node: unknown): Record<string, unknown> | undefined {
  const def = defOf(node);
  if (def?.type === 'object') return def.shape as Record<string, unknown>;
  if (def?.type === 'union') {
    const merged: Record<string, unknown> = {};
    for (const o of def.options as unknown[]) Object.assign(merged, shapeOf(unwrap(o)) ?? {});
    return merged;
  }
  return undefined;
}

/** Validates a scenario document (after migrating older versions). Never throws. */
export function parseScenario(doc: unknown): ParseResult {
  const migrated = migrate(doc);
  if (!migrated.ok) return { ok: false, errors: migrated.errors };
  // SaaS blocks become ordinary services, workloads and tenants before validation (scenario/saas.ts).
  const expanded = expandSaas(migrated.doc);
  if (!expanded.ok) return { ok: false, errors: expanded.errors };
  const result = scenarioSchema.safeParse(expanded.doc, { reportInput: true });
  if (!result.success) {
    const errors = result.error.issues.flatMap((i) => plainIssues(i, keysAt));
    return { ok: false, errors: dedupe(errors) };
  }
  return migrated.from !== undefined ? { ok: true, scenario: result.data, migratedFrom: migrated.from } : { ok: true, scenario: result.data };
}

/** Parses JSON text and validates it; a JSON syntax error is reported with its line and column. */
export function parseScenarioText(text: string): ParseResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: '', message: jsonErrorMessage(text, e) }] };
  }
  return parseScenario(doc);
}

function jsonErrorMessage(text: string, e: unknown): string {
  const at = jsonErrorAt(text);
  if (at) {
    const { line, column } = lineColumn(text, at.offset);
    const found = at.offset < text.length ? ` but found ${JSON.stringify(text.slice(at.offset, at.offset + 12))}` : '';
    return `not valid JSON at line ${line}, column ${column}: expected ${at.expected}${found}`;
  }
  return `not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
}

function dedupe(list: ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return list.filter((i) => {
    const k = issueLine(i);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
