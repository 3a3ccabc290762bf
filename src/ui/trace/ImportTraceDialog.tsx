import { memo, useCallback, useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent, type KeyboardEvent } from 'react';
import { actions } from '../bridge';
import { useConsole } from '../store';
import type { TraceFormat, TraceImportResult } from '../../workers/sim.worker';
import { useLang } from '../i18n/lang';
import { msg, renderText, type LocalText } from '../localText';
import { useT } from '../i18n/messages';
import { traceMessages as m } from './messages';

/** The formats, with the catalog keys of their names and hints. */
const FORMATS: ReadonlyArray<{ value: TraceFormat; label: keyof typeof m.en; hint: keyof typeof m.en }> = [
  { value: 'per-minute', label: 'formatPerMinute', hint: 'hintPerMinute' },
  { value: 'timestamps', label: 'formatTimestamps', hint: 'hintTimestamps' },
  { value: 'swf', label: 'formatSwf', hint: 'hintSwf' },
];

/** Files larger than this are refused before reading. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

type TraceFailure = Extract<TraceImportResult, { ok: false }>;

/** A failed import's title in the console's words when the worker said what kind of failure it was; else its own title. */
function failureTitle(r: TraceFailure, file: string, format: TraceFormat): LocalText {
  switch (r.code) {
    case 'no-scenario':
      return msg(m, 'failNoScenario');
    case 'no-workload':
    case 'not-applied':
      return msg(m, 'failNotImported');
    case 'denied':
      return msg(m, 'failDenied');
    case 'invalid-trace':
      return msg(m, 'failInvalidTrace', { file, format });
    case 'invalid-scenario':
      return msg(m, 'failInvalidScenario');
    default:
      return r.title;
  }
}

function guessFormat(name: string): TraceFormat | null {
  const n = name.toLowerCase().replace(/\.gz$/, '');
  if (n.endsWith('.swf')) return 'swf';
  return null;
}

/**
 * "Import trace": replaces one workload's arrivals with a recorded trace. The worker parses the
 * file with the core's parser; a malformed file lists its bad lines here and changes nothing.
 */
export const ImportTraceDialog = memo(function ImportTraceDialog() {
  const open = useConsole((s) => s.importOpen);
  if (!open) return null;
  return <DialogBody />;
});

function DialogBody() {
  const workloads = useConsole((s) => s.scenario?.topology.workloads);
  const preselected = useConsole((s) => s.importWorkload);
  const [workload, setWorkload] = useState(() => (preselected && workloads?.some((w) => w.id === preselected) ? preselected : (workloads?.[0]?.id ?? '')));
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<TraceFormat>('per-minute');
  const [column, setColumn] = useState('');
  const [minuteSeconds, setMinuteSeconds] = useState('60');
  const [loop, setLoop] = useState(false);
  const [fit, setFit] = useState(false);
  const [busy, setBusy] = useState(false);
  // The title is put into words when shown (it follows a language switch); the lines are as given.
  const [problem, setProblem] = useState<{ title: LocalText; errors: string[] } | null>(null);
  const titleId = useId();
  const first = useRef<HTMLSelectElement>(null);
  const t = useT(m);
  const lang = useLang();

  useEffect(() => {
    first.current?.focus();
  }, []);

  const onClose = useCallback(() => actions.closeImport(), []);
  const onKeyDown = useCallback((e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      actions.closeImport();
    }
  }, []);
  const onFile = useCallback((e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0] ?? null;
    setFile(f);
    setProblem(null);
    const guess = f ? guessFormat(f.name) : null;
    if (guess) setFormat(guess);
  }, []);

  const onSubmit = useCallback(
    (e: FormEvent) => {
      e.preventDefault();
      if (!file) {
        setProblem({ title: msg(m, 'chooseFile'), errors: [] });
        return;
      }
      if (file.size > MAX_FILE_BYTES) {
        setProblem({ title: msg(m, 'tooLarge', { file: file.name }), errors: [t('atMost', { n: MAX_FILE_BYTES / 1024 / 1024 })] });
        return;
      }
      const seconds = Number(minuteSeconds);
      if (!(seconds > 0) || !Number.isFinite(seconds)) {
        setProblem({ title: msg(m, 'checkCompression'), errors: [t('badMinuteSeconds', { value: minuteSeconds })] });
        return;
      }
      setBusy(true);
      setProblem(null);
      void actions
        .importTrace(file, {
          workload,
          format,
          ...(column.trim() !== '' && format !== 'swf' ? { column: column.trim() } : {}),
          minuteSeconds: seconds,
          loop,
          fitDuration: fit,
        })
        .then((r) => {
          if (!r.ok) setProblem({ title: failureTitle(r, file.name, format), errors: r.errors });
        })
        .finally(() => setBusy(false));
    },
    [file, workload, format, column, minuteSeconds, loop, fit, t],
  );

  const hintKey = FORMATS.find((f) => f.value === format)?.hint;
  const hint = hintKey ? t(hintKey) : '';
  return (
    <div className="modal-backdrop" onKeyDown={onKeyDown}>
      <div className="modal card" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="trace-dialog">
        <header className="modal-head">
          <h2 id={titleId}>{t('title')}</h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label={t('close')} data-testid="trace-cancel-x">
            ×
          </button>
        </header>
        <p className="muted note">{t('intro')}</p>
        <form className="form" onSubmit={onSubmit}>
          <label className="field field-block">
            <span className="field-label">{t('workload')}</span>
            <select ref={first} data-testid="trace-workload" value={workload} onChange={(e) => setWorkload(e.target.value)}>
              {(workloads ?? []).map((w) => (
                <option key={w.id} value={w.id}>
                  {w.id} → {w.target}
                </option>
              ))}
            </select>
          </label>
          <label className="field field-block">
            <span className="field-label">{t('file')}</span>
            <input type="file" data-testid="trace-file" accept=".csv,.txt,.tsv,.swf,.gz,text/csv,text/plain,application/gzip" onChange={onFile} />
          </label>
          <label className="field field-block">
            <span className="field-label">{t('format')}</span>
            <select data-testid="trace-format" value={format} onChange={(e) => setFormat(e.target.value as TraceFormat)}>
              {FORMATS.map((f) => (
                <option key={f.value} value={f.value}>
                  {t(f.label)}
                </option>
              ))}
            </select>
            <span className="hint">{hint}</span>
          </label>
          <div className="form-row">
            <label className="field field-block">
              <span className="field-label">{t('column')}</span>
              <input
                type="text"
                data-testid="trace-column"
                value={column}
                onChange={(e) => setColumn(e.target.value)}
                placeholder={t('columnPlaceholder')}
                disabled={format === 'swf'}
                spellCheck={false}
              />
            </label>
            <label className="field field-block">
              <span className="field-label">{t('minuteSeconds')}</span>
              <input
                type="number"
                data-testid="trace-minute-seconds"
                value={minuteSeconds}
                min="0.001"
                step="any"
                onChange={(e) => setMinuteSeconds(e.target.value)}
              />
              <span className="hint">{t('minuteSecondsHint')}</span>
            </label>
          </div>
          <div className="form-row">
            <label className="check">
              <input type="checkbox" data-testid="trace-loop" checked={loop} onChange={(e) => setLoop(e.target.checked)} /> {t('loop')}
            </label>
            <label className="check">
              <input type="checkbox" data-testid="trace-fit" checked={fit} onChange={(e) => setFit(e.target.checked)} /> {t('fit')}
            </label>
          </div>
          {problem && (
            <div className="banner banner-error form-errors" role="alert" data-testid="trace-errors">
              <div className="banner-text">
                <strong>{renderText(problem.title, lang)}</strong>
                {problem.errors.length > 0 && (
                  <ul>
                    {problem.errors.map((m, i) => (
                      <li key={i} data-testid="trace-error">
                        {m}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
          )}
          <footer className="modal-foot">
            <button type="button" onClick={onClose} data-testid="trace-cancel">
              {t('cancel')}
            </button>
            <button type="submit" className="primary" data-testid="trace-submit" disabled={busy || !workload}>
              {busy ? t('importing') : t('submit')}
            </button>
          </footer>
        </form>
      </div>
    </div>
  );
}
