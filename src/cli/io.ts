/** What the CLIs share: where they write (injectable for in-process tests) and their text tables. */

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export const processIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/**
 * Rows of a text table: the first column and those in `left` are left-aligned, the rest
 * right-aligned; `indent` goes before every row (trailing spaces are trimmed).
 */
export function tableRows(rows: ReadonlyArray<ReadonlyArray<string>>, left: readonly number[] = [], indent = ''): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => `${indent}${r.map((cell, c) => (c === 0 || left.includes(c) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')}`.trimEnd());
}
