import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldReferenceMarkdown, fieldRows, scenarioJsonSchema } from './json-schema';

describe('published scenario schema and docs', () => {
  it('schema/scenario.schema.json is up to date (run `npm run schema`)', () => {
    const committed = JSON.parse(readFileSync('schema/scenario.schema.json', 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
  });

  it('docs/scenario.md carries the current field reference (run `npm run schema`)', () => {
    const doc = readFileSync('docs/scenario.md', 'utf8');
    expect(doc).toContain(fieldReferenceMarkdown());
  });

  it('documents every field with a description', () => {
    const undocumented = fieldRows().filter((r) => r.description === '' && !r.path.endsWith('[]'));
    expect(undocumented.map((r) => r.path)).toEqual([]);
  });
});
