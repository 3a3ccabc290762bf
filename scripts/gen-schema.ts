// Regenerates schema/scenario.schema.json and the field reference in docs/scenario.md from the
// zod schema (src/core/scenario/schema.ts). A unit test fails when either is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fieldReferenceMarkdown, scenarioJsonSchema } from '../src/core/scenario/json-schema';

export const BEGIN = '<!-- BEGIN GENERATED FIELD REFERENCE (npm run schema) -->';
export const END = '<!-- END GENERATED FIELD REFERENCE -->';

writeFileSync('schema/scenario.schema.json', `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
const doc = readFileSync('docs/scenario.md', 'utf8');
const a = doc.indexOf(BEGIN);
const b = doc.indexOf(END);
if (a < 0 || b < a) throw new Error('docs/scenario.md lacks the generated-reference markers');
writeFileSync('docs/scenario.md', `${doc.slice(0, a + BEGIN.length)}\n${fieldReferenceMarkdown()}\n${doc.slice(b)}`);
console.log('wrote schema/scenario.schema.json and the field reference in docs/scenario.md');
