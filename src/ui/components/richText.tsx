import { Fragment, type ReactNode } from 'react';

/**
 * Puts elements into a translated sentence: `{name}` placeholders left in `text` (translate leaves
 * a parameter it was not given visible) are replaced by `parts[name]`, wherever the language puts
 * them. Text between them stays text.
 */
export function richText(text: string, parts: Readonly<Record<string, ReactNode>>): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /\{(\w+)\}/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const name = m[1] as string;
    if (!(name in parts)) continue;
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    out.push(<Fragment key={`${name}-${at}`}>{parts[name]}</Fragment>);
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
