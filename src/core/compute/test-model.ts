/**
 * Test helper: a ComputeModel on its own kernel (no traffic), with a listener that records what it
 * hears. Used by the compute tests only.
 */
import { Kernel } from '../engine/kernel';
import type { ScenarioInput } from '../scenario/schema';
import { parseScenario } from '../scenario/validate';
import { ComputeModel } from './compute';

export interface TestModel {
  c: ComputeModel;
  kernel: Kernel;
  /** "up 0/2", "down 0/2": what the listener heard, in order. */
  heard: string[];
  /** Runs until simulated time t (seconds). */
  run(t: number): void;
}

export function computeModel(doc: ScenarioInput, seed = 1): TestModel {
  const parsed = parseScenario(doc);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  const kernel = new Kernel();
  const heard: string[] = [];
  const c = new ComputeModel(
    parsed.scenario,
    kernel,
    seed,
    {
      replicaUp: (s, r) => heard.push(`up ${s}/${r}`),
      replicaDown: (s, r) => heard.push(`down ${s}/${r}`),
    },
    () => 25,
  );
  return { c, kernel, heard, run: (t) => void kernel.runUntil(t) };
}
