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

/**
 * A CLI's body, run so that bad input (an error `isUserError` recognises) becomes one line on
 * stderr, "cumulo <name>: <message>", and exit code 2; anything else is a bug and propagates.
 */
export function guarded(name: string, io: Io, isUserError: (e: unknown) => e is Error, body: () => number): number {
  try {
    return body();
  } catch (e) {
    if (!isUserError(e)) throw e;
    io.err(`cumulo ${name}: ${e.message}\n`);
    return 2;
  }
}

/** Runs `main` with the process's arguments when the file named `name`.ts/.js is the one Node started. */
export function runIfMain(name: string, main: (argv: string[]) => number): void {
  const started = process.argv[1];
  if (started !== undefined && new RegExp(`${name}\\.[tj]s$`).test(started)) process.exitCode = main(process.argv.slice(2));
}
