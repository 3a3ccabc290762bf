import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  decodeScenarioLink,
  issueLine,
  parseScenario,
  parseScenarioText,
  PRESETS,
  presetNames,
  resolveTraceFiles,
  type Scenario,
  type ScenarioIssue,
} from '../core/index';
import { resolveServerlessTrace } from '../core/serverless/scenario-trace';

export class CliError extends Error {}

function fail(source: string, errors: ScenarioIssue[]): never {
  const shown = errors.slice(0, 3).map(issueLine).join('; ');
  const more = errors.length > 3 ? `; and ${errors.length - 3} more` : '';
  throw new CliError(`${source}: ${shown}${more}`);
}

const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Reads a trace file (gzip by its .gz name). */
function readTrace(path: string): string {
  if (statSync(path).size > MAX_FILE_BYTES) throw new Error(`too large (at most ${MAX_FILE_BYTES} bytes)`);
  if (!path.endsWith('.gz')) return readFileSync(path, 'utf8');
  try {
    return gunzipSync(readFileSync(path), { maxOutputLength: 4 * MAX_FILE_BYTES }).toString('utf8');
  } catch (e) {
    throw new Error(`not a readable gzip file (${(e as Error).message})`);
  }
}

/** The traces folder: $CUMULO_TRACES, else ../shared/traces from the working directory, else null. */
export function tracesDir(): string | null {
  const env = process.env['CUMULO_TRACES'];
  if (env) return resolve(env);
  const guess = resolve('..', 'shared', 'traces');
  return existsSync(guess) ? guess : null;
}

/** Resolves the workloads' trace files and a serverless Azure trace folder. */
function resolveAll(scenario: Scenario, read: (file: string) => string): { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioIssue[] } {
  const r = resolveTraceFiles(scenario, read);
  return r.ok ? resolveServerlessTrace(r.scenario, read) : r;
}

/** Loads a scenario from a file path, a preset name or a link. Throws CliError with one line. */
export function loadScenario(arg: string): { scenario: Scenario; source: string } {
  if (Object.hasOwn(PRESETS, arg)) {
    const parsed = parseScenario(PRESETS[arg]!.scenario);
    if (!parsed.ok) fail(`preset ${arg}`, parsed.errors);
    const files = parsed.scenario.workloads.flatMap((w) => (w.arrival.type === 'trace' && w.arrival.file !== undefined ? [w.arrival.file] : []));
    if (parsed.scenario.serverless?.azureTrace) files.push(parsed.scenario.serverless.azureTrace.folder);
    if (files.length === 0) return { scenario: parsed.scenario, source: `preset ${arg}` };
    // A preset that replays a trace reads it from the traces folder (never copied into the repository).
    const dir = tracesDir();
    if (dir === null) {
      throw new CliError(`preset ${arg} replays ${files.join(', ')} from the traces folder: set CUMULO_TRACES to that folder (none found at ../shared/traces)`);
    }
    const resolved = resolveAll(parsed.scenario, (file) => readTrace(resolve(dir, file)));
    if (!resolved.ok) fail(`preset ${arg} (traces from ${dir})`, resolved.errors);
    return { scenario: resolved.scenario, source: `preset ${arg}` };
  }
  if (arg.includes('#') || arg.startsWith('s=')) {
    const parsed = decodeScenarioLink(arg);
    if (!parsed.ok) fail('link', parsed.errors);
    return { scenario: parsed.scenario, source: 'link' };
  }
  if (existsSync(arg)) {
    const st = statSync(arg);
    if (!st.isFile()) throw new CliError(`${arg}: not a file`);
    if (st.size > MAX_FILE_BYTES) throw new CliError(`${arg}: too large (${st.size} bytes; at most ${MAX_FILE_BYTES})`);
    const parsed = parseScenarioText(readFileSync(arg, 'utf8'));
    if (!parsed.ok) fail(arg, parsed.errors);
    const base = dirname(resolve(arg));
    const resolved = resolveAll(parsed.scenario, (file) => readTrace(resolve(base, file)));
    if (!resolved.ok) fail(arg, resolved.errors);
    return { scenario: resolved.scenario, source: arg };
  }
  throw new CliError(`unknown scenario "${arg}": not a file, a link (#s=…) or a preset (${presetNames().join(', ')})`);
}
