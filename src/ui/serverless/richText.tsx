import { Fragment, type ReactNode } from 'react';

/**
 * A translated sentence with elements in it (a bold figure, a monospace id): the translation is made
 * with the plain parameters only, so the element placeholders stay as `{name}`, and each is replaced
 * here by parts[name]. The sentence keeps the word order of its language.
 */
export function richText(text: string, parts: Readonly<Record<string, ReactNode>>): ReactNode[] {
  return text.split(/\{(\w+)\}/).map((piece, i) => (i % 2 === 1 ? <Fragment key={i}>{piece in parts ? parts[piece] : `{${piece}}`}</Fragment> : piece));
}
