import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Lint rules that keep the architecture honest:
 * - src/core is a pure, deterministic simulator: no Math.random, no clocks, no DOM, no worker API,
 *   and no imports from the UI, the workers or Node.
 * - src/workers import only the core's public API (src/core/index.ts).
 * - src/ui imports no core code at run time (types only; leaves excepted: the compare link codec
 *   and the sentence templates of the compute model and the capacity planner)
 *   and never the worker's code.
 */
const nondeterministic = [
  { object: 'Math', property: 'random', message: 'The core is deterministic: use a seeded RandomStream.' },
  { object: 'Date', property: 'now', message: 'The core has no wall clock: use the simulated clock (kernel.now).' },
  { object: 'performance', property: 'now', message: 'The core has no wall clock: use the simulated clock (kernel.now).' },
];
const platformGlobals = ['window', 'document', 'self', 'globalThis', 'navigator', 'postMessage', 'performance', 'setTimeout', 'setInterval', 'requestAnimationFrame', 'Worker', 'process', 'localStorage', 'fetch'].map(
  (name) => ({ name, message: `The core runs anywhere: no "${name}" (platform APIs belong in src/workers, src/ui or src/cli).` }),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Tests poke at malformed documents on purpose.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-properties': ['error', ...nondeterministic],
      'no-restricted-globals': ['error', ...platformGlobals],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date']", message: 'The core has no wall clock: use the simulated clock.' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/ui/**', '**/workers/**', '**/cli/**'], message: 'The core imports nothing outside itself.' },
            { group: ['node:*', 'react', 'react-dom', 'zustand', 'comlink', '@xyflow/*', 'recharts'], message: 'The core uses no platform or UI library.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/workers/**/*.ts'],
    rules: {
      // The Node adapter of Comlink ships no types; a local declaration is referenced.
      '@typescript-eslint/triple-slash-reference': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/core/*/**', '**/core/*', '!**/core/index'], message: 'Workers use the core through its public API (src/core/index.ts) only.' },
            { group: ['**/ui/**'], message: 'Workers do not import the UI.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            // Exceptions, all leaves: the compare link codec (fflate only) the page decodes a link's variant B with,
            // and the sentence templates (pure data) of the compute model and the capacity planner, the English side of the console's catalogs.
            { regex: '(^|/)core(/(?!compare/link$|compute/said$|elasticity/plan-text$|text/template$).*)?$', allowTypeImports: true, message: 'The UI holds no simulation logic: import only types from the core.' },
            { group: ['**/workers/*', '!**/workers/api', '!**/workers/wire'], allowTypeImports: true, message: 'The UI imports only the worker API types (and the wire encoding constants).' },
          ],
        },
      ],
    },
  },
);
