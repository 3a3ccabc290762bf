/**
 * Where a JSON text first goes wrong: a small recursive-descent checker that builds nothing and
 * returns the offset of the first error and what was expected there. JSON.parse's own messages
 * differ between engines (and Node 20's give no position), so the position is found here.
 */
export function jsonErrorAt(text: string): { offset: number; expected: string } | null {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  class Stop extends Error {
    constructor(readonly expected: string) {
      super(expected);
    }
  }
  const value = (depth: number): void => {
    if (depth > 512) throw new Stop('less deeply nested data');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') throw new Stop('a quoted field name');
        string();
        ws();
        if (text[i] !== ':') throw new Stop('":" after the field name');
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        throw new Stop('"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        throw new Stop('"," or "]"');
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!m) throw new Stop('a number');
      i += m[0].length;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    throw new Stop(c === undefined ? 'a value, but the text ended' : 'a value (object, list, text in double quotes, number, true, false or null)');
  };
  const string = (): void => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Stop('four hex digits after \\u');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw new Stop('a valid escape after "\\"');
        continue;
      }
      if (c < 32) throw new Stop('the closing quote (control characters must be escaped)');
      i++;
    }
    throw new Stop('the closing quote, but the text ended');
  };
  try {
    value(0);
    ws();
    if (i < n) throw new Stop('the end of the text');
    return null;
  } catch (e) {
    if (e instanceof Stop) return { offset: i, expected: e.expected };
    throw e;
  }
}

/** "line 3, column 11" for an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      last = k;
    }
  }
  return { line, column: offset - last };
}
