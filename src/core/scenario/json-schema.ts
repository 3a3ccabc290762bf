import { z } from 'zod';
import { scenarioSchema } from './schema';

/** The published JSON Schema of the scenario format (documents as written, defaults optional). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: 'https://cumulo.invalid/schema/scenario-1.schema.json',
    title: 'Cumulo scenario, format version 1',
    ...schema,
  };
}

interface Row {
  path: string;
  type: string;
  required: boolean;
  default?: unknown;
  description: string;
}

type Json = Record<string, unknown>;

function typeOf(s: Json): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((v) => JSON.stringify(v)).join(' \\| ');
  if (Array.isArray(s.anyOf) && (s.anyOf as Json[]).some((x) => x.type === 'string' && typeof x.pattern === 'string' && x.pattern.includes('ms|s|m|h|d'))) {
    return 'duration';
  }
  if (Array.isArray(s.anyOf)) return (s.anyOf as Json[]).map(typeOf).join(' or ');
  if (Array.isArray(s.oneOf)) return 'one of several forms';
  if (s.type === 'array') return `list of ${typeOf((s.items ?? {}) as Json)}`;
  const t = s.type === 'integer' ? 'whole number' : (s.type as string | undefined) ?? 'any';
  const bounds: string[] = [];
  if (s.minimum !== undefined) bounds.push(`≥ ${String(s.minimum)}`);
  if (s.exclusiveMinimum !== undefined) bounds.push(`> ${String(s.exclusiveMinimum)}`);
  if (s.maximum !== undefined && Number(s.maximum) < 9e15) bounds.push(`≤ ${String(s.maximum)}`);
  return bounds.length ? `${t} ${bounds.join(', ')}` : t;
}

/** Flattens the JSON Schema into one row per field path, variants of unions included. */
export function fieldRows(): Row[] {
  const rows: Row[] = [];
  const walk = (s: Json, path: string, required: boolean): void => {
    const desc = (s.description as string | undefined) ?? '';
    if (path !== '') rows.push({ path, type: typeOf(s), required, default: s.default, description: desc });
    if (s.type === 'object' && s.properties) {
      const req = new Set((s.required as string[] | undefined) ?? []);
      for (const [k, v] of Object.entries(s.properties as Record<string, Json>)) walk(v, path ? `${path}.${k}` : k, req.has(k));
    }
    if (s.type === 'array' && s.items) {
      const items = s.items as Json;
      if (items.type === 'object' || items.oneOf) walk({ ...items, description: '' }, `${path}[]`, true);
    }
    if (Array.isArray(s.oneOf)) {
      for (const variant of s.oneOf as Json[]) {
        const props = (variant.properties ?? {}) as Record<string, Json>;
        const disc = Object.keys(props).find((k) => props[k]!.const !== undefined) ?? 'type';
        const t = (props[disc]?.const as string | undefined) ?? '?';
        const vpath = `${path} (${disc} "${t}")`;
        rows.push({ path: vpath, type: 'object', required, description: (variant.description as string | undefined) ?? '' });
        const req = new Set((variant.required as string[] | undefined) ?? []);
        for (const [k, v] of Object.entries((variant.properties ?? {}) as Record<string, Json>)) {
          if (k === disc) continue;
          walk(v, `${vpath}.${k}`, req.has(k));
        }
      }
    }
  };
  walk(scenarioJsonSchema(), '', true);
  return rows.filter((r) => !(r.path.endsWith('[]') && r.description === ''));
}

/** The generated field reference (Markdown table) embedded in docs/scenario.md. */
export function fieldReferenceMarkdown(): string {
  const esc = (t: string) => t.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = ['| field | type | required | default | meaning |', '|---|---|---|---|---|'];
  for (const r of fieldRows()) {
    lines.push(
      `| \`${esc(r.path)}\` | ${r.type} | ${r.required ? 'yes' : 'no'} | ${r.default === undefined ? '' : `\`${esc(JSON.stringify(r.default))}\``} | ${esc(r.description)} |`,
    );
  }
  return lines.join('\n');
}
