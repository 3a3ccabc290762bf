/**
 * A scanner for user-visible English left in the console's components: JSX text, string-valued
 * labelling attributes (title, aria-label, placeholder, alt, label) and string literals shown as JSX
 * children. Every such string must come from a message catalog (see messages.ts). Files not yet
 * converted carry a first-line `i18n-pending` marker and are skipped; a line with an `i18n-ignore`
 * comment (on it or just above it) is allowed, for the rare technical token the allowlist misses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const UI = join(__dirname, '..');
const LABEL_ATTRS = new Set(['title', 'aria-label', 'placeholder', 'alt', 'label', 'aria-description', 'aria-roledescription', 'aria-valuetext']);
/** Technical tokens the same in both languages. */
const TOKENS = /^(p50|p90|p95|p99|p99\.9|CSV|PNG|JSON|vCPU|vCPUs|ms|s|h|GB|GB-s|MB|KB|A|B|A\/B|SLA|ID|IaaS|PaaS|SaaS|FaaS|Cumulo|IAM|DRF|FIFO|HPA|LTTB|API|CPU|RPS|URL|req\/s|\$|%)$/;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...files(p));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(p);
  }
  return out;
}

function needsTranslation(text: string): boolean {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!/[A-Za-z]/.test(t)) return false;
  return !t.split(/[\s·/,:()]+/).filter((w) => /[A-Za-z]/.test(w)).every((w) => TOKENS.test(w));
}

export interface Finding {
  file: string;
  line: number;
  text: string;
}

export function scan(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const lines = source.split('\n');
  const findings: Finding[] = [];
  const ignored = (node: ts.Node): boolean => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
    return /i18n-ignore/.test(lines[line] ?? '') || /i18n-ignore/.test(lines[line - 1] ?? '');
  };
  const report = (node: ts.Node, text: string): void => {
    if (!needsTranslation(text) || ignored(node)) return;
    findings.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: text.replace(/\s+/g, ' ').trim().slice(0, 80) });
  };
  /** String pieces of an expression shown to the user as-is: literals, templates, both branches of ?:, ||/?? fallbacks. */
  const shownStrings = (e: ts.Expression): void => {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) report(e, e.text);
    else if (ts.isTemplateExpression(e)) report(e, [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(' '));
    else if (ts.isParenthesizedExpression(e)) shownStrings(e.expression);
    else if (ts.isConditionalExpression(e)) {
      shownStrings(e.whenTrue);
      shownStrings(e.whenFalse);
    } else if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)) {
      if (e.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken) shownStrings(e.left);
      shownStrings(e.right);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxAttribute(node) && LABEL_ATTRS.has(node.name.getText(sf)) && node.initializer) {
      if (ts.isStringLiteral(node.initializer)) report(node.initializer, node.initializer.text);
      else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) shownStrings(node.initializer.expression);
    } else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      shownStrings(node.expression);
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'defineMessages' && !/(^|[/\\])([\w-]+\.)?messages\.ts$/.test(file)) {
      findings.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: 'defineMessages outside a messages.ts / *.messages.ts file (the catalog checks would miss it)' });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

const all = files(UI).map((f) => ({ file: relative(UI, f), source: readFileSync(f, 'utf8') }));
const pending = all.filter((f) => /i18n-pending/.test(f.source.split('\n', 1)[0] ?? ''));

describe('untranslated text in the console', () => {
  it('no converted file shows hard-coded English', () => {
    const findings = all.filter((f) => !pending.includes(f)).flatMap((f) => scan(f.file, f.source));
    expect(findings.map((f) => `${f.file}:${f.line}: ${f.text}`)).toEqual([]);
  });

  it('every component is converted (no i18n-pending marker is left)', () => {
    expect(pending.map((f) => f.file)).toEqual([]);
  });

  it('the scanner catches text, labels and shown literals, and honours i18n-ignore', () => {
    const src = [
      'export const A = () => (',
      '  <div title="Pause the run" aria-label={x ? "Open" : t("close")}>',
      '    Hello world',
      "    {busy ? 'Running…' : null}",
      '    {t("ok")} p99 · 12 ms',
      '    <kbd>Space</kbd> {/* i18n-ignore */}',
      '  </div>',
      ');',
    ].join('\n');
    const texts = scan('x.tsx', src).map((f) => f.text);
    expect(texts).toEqual(['Pause the run', 'Open', 'Hello world', 'Running…']);
  });
});
