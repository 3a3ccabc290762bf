/**
 * Scenario files: the name a saved scenario gets, and reading a chosen or dropped file's text as
 * JSON with a specific error (the line and column where the JSON breaks). The worker validates the
 * document against the scenario schema afterwards; nothing here knows the schema.
 */
import { msg, type LocalText } from './localText';
import { noticeMessages as nm } from './notices.messages';

/**
 * Files larger than this are refused before reading. The largest presets are well under 1 MB; a
 * scenario carrying the longest trace the schema allows (2 million values) is about 20 MB as saved.
 */
export const MAX_SCENARIO_FILE_MB = 64;

/** `flash-crowd.cumulo.json` from "Flash crowd!" (letters and digits kept, the rest dashes). */
export function scenarioFileName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'scenario'}.cumulo.json`;
}

/** The line and column (1-based) of a character offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const at = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let start = 0;
  for (let i = 0; i < at; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: at - start + 1 };
}

export type ParsedScenarioFile = { ok: true; doc: unknown } | { ok: false; error: LocalText };

/**
 * Parses a scenario file's text. JSON.parse's own message is kept (it names what it expected) and
 * its position is said as a line and column, whichever way the engine wrote it.
 */
export function parseScenarioText(text: string): ParsedScenarioFile {
  // A byte-order mark is not part of the document.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, error: msg(nm, 'scenarioFileEmpty') };
  try {
    return { ok: true, doc: JSON.parse(body) as unknown };
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const lc = /\(line (\d+) column (\d+)\)/.exec(raw);
    const pos = /at position (\d+)/.exec(raw);
    const error = raw
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/,?\s*(?:in JSON )?at position \d+/, '')
      .replace(/\s+in JSON$/, '')
      .trim();
    if (lc) return { ok: false, error: msg(nm, 'scenarioFileNotJson', { error, line: Number(lc[1]), column: Number(lc[2]) }) };
    if (pos) {
      const { line, column } = lineColumn(body, Number(pos[1]));
      return { ok: false, error: msg(nm, 'scenarioFileNotJson', { error, line, column }) };
    }
    // "Unexpected end of JSON input": the text ends too early, so the place is its end.
    if (/end of (?:JSON )?input/i.test(raw)) {
      const { line, column } = lineColumn(body, body.length);
      return { ok: false, error: msg(nm, 'scenarioFileNotJson', { error, line, column }) };
    }
    return { ok: false, error: msg(nm, 'scenarioFileNotJsonAt', { error }) };
  }
}
