import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The lint rules that keep the core pure actually fire (a rule that never fires protects nothing). */
describe('architecture rules', () => {
  const eslint = new ESLint();
  const rulesHit = async (code: string, filePath: string) => {
    const [res] = await eslint.lintText(code, { filePath });
    return res!.messages.map((m) => m.ruleId);
  };

  it('forbid nondeterminism and platform APIs in src/core', async () => {
    const hits = await rulesHit(
      "import { readFileSync } from 'node:fs';\nexport const a = Math.random();\nexport const b = Date.now();\nexport const c = new Date();\nexport const d = typeof window;\nexport const e = performance.now();\nexport const f = readFileSync;\n",
      'src/core/engine/bad.ts',
    );
    expect(hits).toEqual(expect.arrayContaining(['no-restricted-imports', 'no-restricted-properties', 'no-restricted-syntax', 'no-restricted-globals']));
    expect(hits.filter((h) => h === 'no-restricted-properties').length).toBeGreaterThanOrEqual(2);
  }, 30_000);

  it('forbid the core importing the UI or the workers, and the UI importing core code', async () => {
    expect(await rulesHit("import { x } from '../../ui/store';\nexport const y = x;\n", 'src/core/engine/bad.ts')).toContain('no-restricted-imports');
    expect(await rulesHit("import { createSimulation } from '../core/index';\nexport const y = createSimulation;\n", 'src/ui/bad.ts')).toContain('no-restricted-imports');
    expect(await rulesHit("import type { Scenario } from '../core/index';\nexport type Y = Scenario;\n", 'src/ui/ok.ts')).not.toContain('no-restricted-imports');
    // The compute model's sentence templates are pure data: the console's catalog reads them; the rest of src/core/compute is not.
    expect(await rulesHit("import { COMPUTE_TEXT } from '../../core/compute/said';\nexport const y = COMPUTE_TEXT;\n", 'src/ui/infra/ok.ts')).not.toContain('no-restricted-imports');
    expect(await rulesHit("import { PLAN_TEXT } from '../../core/elasticity/plan-text';\nexport const y = PLAN_TEXT;\n", 'src/ui/elasticity/ok.ts')).not.toContain('no-restricted-imports');
    expect(await rulesHit("import { ComputeModel } from '../../core/compute/compute';\nexport const y = ComputeModel;\n", 'src/ui/infra/bad.ts')).toContain('no-restricted-imports');
  }, 30_000);

  it('let workers use the core only through its public API', async () => {
    expect(await rulesHit("import { Kernel } from '../core/engine/kernel';\nexport const k = Kernel;\n", 'src/workers/bad.ts')).toContain('no-restricted-imports');
    expect(await rulesHit("import { createSimulation } from '../core/index';\nexport const c = createSimulation;\n", 'src/workers/ok.ts')).not.toContain('no-restricted-imports');
  }, 30_000);

  it('leave clean core code alone', async () => {
    expect(await rulesHit('export const add = (a: number, b: number): number => a + b;\n', 'src/core/engine/ok.ts')).toEqual([]);
  }, 30_000);
});
