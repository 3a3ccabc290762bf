/**
 * `npm run sim -- <scenario> --compare '<merge patch for B>'`: runs A (the scenario) and B (A with
 * the JSON merge patch applied; services, workloads and other lists of items with ids are patched
 * by id) on the same seed and prints the table of deltas. `--json` prints the table as JSON.
 */
import { applyVariant, compareResults, comparisonTextRows, createSimulation, formatDuration, issueLine, type Scenario } from '../core/index';
import { CliError } from './load';
import { tableRows, type Io } from './io';

export interface CompareOptions {
  until?: number;
  seed?: number;
  json: boolean;
}

/** Runs A and B and writes the comparison; throws CliError on a bad patch. */
export function runCompare(a: Scenario, patchText: string, options: CompareOptions, io: Io): number {
  let patch: unknown;
  try {
    patch = JSON.parse(patchText) as unknown;
  } catch (e) {
    throw new CliError(`--compare: the patch is not JSON (${(e as Error).message}); e.g. '{"services":{"app":{"loadBalancer":{"policy":"least-connections"}}}}'`);
  }
  const variant = applyVariant(a, patch);
  if (!variant.ok) {
    const shown = variant.errors.slice(0, 3).map(issueLine).join('; ');
    throw new CliError(`--compare: variant B is not a valid scenario: ${shown}${variant.errors.length > 3 ? `; and ${variant.errors.length - 3} more` : ''}`);
  }
  const seed = options.seed === undefined ? {} : { seed: options.seed };
  const run = (s: Scenario) => {
    const sim = createSimulation(s, seed);
    sim.runUntil(options.until ?? sim.endTime);
    return sim.results();
  };
  const ra = run(a);
  const rb = run(variant.scenario);
  const table = compareResults(ra, rb);
  if (options.json) {
    io.out(`${JSON.stringify({ patch, table }, null, 2)}\n`);
    return 0;
  }
  io.out(`A: ${ra.scenario} · seed ${ra.seed} · ${formatDuration(ra.simulatedTime)} simulated\n`);
  io.out(`B: A + ${JSON.stringify(patch)} · seed ${rb.seed}${variant.seedChanged ? ' (the patch changes the seed: not the same random draws)' : ''}\n`);
  io.out(`service figures: ${table.service ?? '—'}; "better" names the side with the better figure\n\n`);
  io.out(`${tableRows(comparisonTextRows(table), [1]).join('\n')}\n`);
  return 0;
}
