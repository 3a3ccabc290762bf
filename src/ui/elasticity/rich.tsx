/**
 * A translated template with React nodes in its `{name}` slots, so a sentence can hold a bold figure or
 * a test id wherever the language puts it ("now {ready} ready" / "当前就绪 {ready}").
 */
import { Fragment, type ReactNode } from 'react';

export function rich(template: string, nodes: Readonly<Record<string, ReactNode>>): ReactNode {
  const parts = template.split(/\{(\w+)\}/);
  return parts.map((p, i) => (i % 2 === 0 ? p : <Fragment key={i}>{Object.hasOwn(nodes, p) ? nodes[p] : `{${p}}`}</Fragment>));
}
