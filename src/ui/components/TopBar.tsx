import { memo, useCallback, useRef, type ChangeEvent } from 'react';
import { actions } from '../bridge';
import { useConsole } from '../store';
import { formatClock, formatInt, formatRate } from '../format';
import { useLivePace } from '../framePace';
import { ViolationBanner } from '../infra/ViewBar';
import { compareActions } from '../compare/compareBridge';
import { useCompare } from '../compare/compareStore';
import { togglePresenter, usePresenter } from '../presenter/presenter';
import { PrincipalPicker } from '../iam/PrincipalPicker';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useLang } from '../i18n/lang';
import { useT } from '../i18n/messages';
import { presetsMessages } from '../presets/messages';
import { presetNote } from '../presets/presets.messages';
import { useScenarioTitle } from '../presets/usePresetNotes';
import { renderText } from '../localText';
import { shellMessages as m } from './messages';

/** Speed choices; `label` null: the word for "as fast as possible" in the language shown. */
const SPEEDS: ReadonlyArray<{ value: string; label: string | null; speed: number }> = [
  { value: '1', label: '1×', speed: 1 },
  { value: '10', label: '10×', speed: 10 },
  { value: '100', label: '100×', speed: 100 },
  { value: '1000', label: '1000×', speed: 1000 },
  { value: 'max', label: null, speed: Infinity },
];

const speedValue = (speed: number): string => (speed === Infinity ? 'max' : String(speed));

const PresetPicker = memo(function PresetPicker() {
  const presets = useConsole((s) => s.presets);
  const current = useConsole((s) => s.scenario?.preset ?? '');
  const disabled = useConsole((s) => !s.ready || s.busy !== null);
  const lang = useLang();
  const t = useT(presetsMessages);
  const onChange = useCallback((e: ChangeEvent<HTMLSelectElement>) => {
    if (e.target.value) void actions.loadPreset(e.target.value);
  }, []);
  return (
    <label className="field">
      <span className="field-label">{t('preset')}</span>
      <select data-testid="preset" value={current} onChange={onChange} disabled={disabled}>
        {current === '' && <option value="">{t('customScenario')}</option>}
        {presets.map((p) => (
          <option key={p.id} value={p.id} title={presetNote(lang, p.id, 'description', p.description)}>
            {presetNote(lang, p.id, 'title', p.title)}
          </option>
        ))}
      </select>
    </label>
  );
});

const Clock = memo(function Clock() {
  const now = useConsole((s) => s.status?.now ?? 0);
  const end = useConsole((s) => s.status?.endTime ?? 0);
  const events = useConsole((s) => s.status?.eventsProcessed ?? 0);
  const rate = useConsole((s) => s.status?.eventsPerWallSecond ?? 0);
  const pace = useLivePace();
  const playing = useConsole((s) => s.status?.playing === true);
  const t = useT(m);
  return (
    <div className="clock" title={t('clockTitle')}>
      <span className="clock-now num" data-testid="clock">
        {formatClock(now)}
      </span>
      <span className="clock-end num">
        {' / '}
        <span data-testid="clock-end">{formatClock(end)}</span>
      </span>
      <span className="events num">
        <span data-testid="events">{formatInt(events)}</span> {t('events')}
        <span className="rate" data-testid="event-rate">
          {' '}
          · {formatRate(rate)}
        </span>
      </span>
      {pace > 1 && playing && (
        <span className="chip live-pace" data-testid="live-pace" title={t('livePaceTitle', { n: pace })}>
          {t('livePace', { n: pace })}
        </span>
      )}
    </div>
  );
});

const Controls = memo(function Controls() {
  const playing = useConsole((s) => s.status?.playing ?? false);
  const finished = useConsole((s) => s.status?.finished ?? false);
  const speed = useConsole((s) => s.status?.speed ?? 10);
  const disabled = useConsole((s) => !s.ready || s.busy !== null);
  const t = useT(m);

  const onPlay = useCallback(() => void actions.play(), []);
  const onPause = useCallback(() => void actions.pause(), []);
  const onStep = useCallback(() => void actions.step(), []);
  const onReset = useCallback(() => void actions.reset(), []);
  const onRunToEnd = useCallback(() => void actions.runToEnd(), []);
  const onSpeed = useCallback((e: ChangeEvent<HTMLSelectElement>) => {
    const opt = SPEEDS.find((s) => s.value === e.target.value);
    if (opt) void actions.setSpeed(opt.speed);
  }, []);

  return (
    <div className="controls" role="toolbar" aria-label={t('controls')}>
      {playing ? (
        <button type="button" data-testid="pause" onClick={onPause} disabled={disabled} title={t('pauseTitle')}>
          ❚❚ {t('pause')}
        </button>
      ) : (
        <button type="button" data-testid="play" onClick={onPlay} disabled={disabled || finished} title={t('playTitle')}>
          ▶ {t('play')}
        </button>
      )}
      <button type="button" data-testid="step" onClick={onStep} disabled={disabled || finished} title={t('stepTitle')}>
        {t('step')}
      </button>
      <button type="button" data-testid="reset" onClick={onReset} disabled={disabled} title={t('resetTitle')}>
        {t('reset')}
      </button>
      <label className="field">
        <span className="field-label">{t('speed')}</span>
        <select data-testid="speed" value={speedValue(speed)} onChange={onSpeed} disabled={disabled}>
          {SPEEDS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label ?? t('speedMax')}
            </option>
          ))}
        </select>
      </label>
      <button type="button" data-testid="run-to-end" onClick={onRunToEnd} disabled={disabled || finished}>
        {t('runToEnd')}
      </button>
    </div>
  );
});

const Sharing = memo(function Sharing() {
  const disabled = useConsole((s) => !s.ready || s.busy !== null);
  const onShare = useCallback(() => void actions.share(), []);
  const onExport = useCallback(() => void actions.exportResults(), []);
  const onImport = useCallback(() => actions.openImport(), []);
  const t = useT(m);
  return (
    <div className="controls edit-chrome">
      <button type="button" data-testid="import-trace" onClick={onImport} disabled={disabled} title={t('importTraceTitle')}>
        {t('importTrace')}
      </button>
      <ScenarioFileButtons disabled={disabled} />
      <button type="button" data-testid="share" onClick={onShare} disabled={disabled}>
        {t('share')}
      </button>
      <button type="button" data-testid="export" onClick={onExport} disabled={disabled}>
        {t('exportResults')}
      </button>
    </div>
  );
});

/** Open a scenario JSON file (a hidden file input behind a button) and save the current one. */
function ScenarioFileButtons({ disabled }: { disabled: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const onOpen = useCallback(() => input.current?.click(), []);
  const onSave = useCallback(() => void actions.saveScenarioFile(), []);
  const onChosen = useCallback((e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // Cleared, so choosing the same file again still loads it.
    e.target.value = '';
    if (file) void actions.openScenarioFile(file);
  }, []);
  const t = useT(m);
  return (
    <>
      <button type="button" data-testid="open-scenario" onClick={onOpen} disabled={disabled} title={t('openScenarioTitle')}>
        {t('openScenario')}
      </button>
      <input ref={input} type="file" accept=".json,application/json" hidden data-testid="open-scenario-file" onChange={onChosen} aria-label={t('openScenario')} />
      <button type="button" data-testid="save-scenario" onClick={onSave} disabled={disabled} title={t('saveScenarioTitle')}>
        {t('saveScenario')}
      </button>
    </>
  );
}

/** A/B compare and presenter mode: views, not edits (kept in presenter mode). */
const Modes = memo(function Modes() {
  const disabled = useConsole((s) => !s.ready);
  const comparing = useCompare((s) => s.open);
  const presenter = usePresenter();
  const t = useT(m);
  return (
    <div className="controls">
      <button type="button" data-testid="compare-open" aria-pressed={comparing} className="presenter-toggle" onClick={compareActions.toggle} disabled={disabled} title={t('compareTitle')}>
        {t('compare')}
      </button>
      <button type="button" data-testid="presenter-toggle" aria-pressed={presenter} className="presenter-toggle" onClick={togglePresenter} title={t('presenterTitle')}>
        {t('presenter')}
      </button>
    </div>
  );
});

export const TopBar = memo(function TopBar() {
  const t = useT(m);
  const lang = useLang();
  const name = useConsole((s) => s.scenario?.name) ?? t('loading');
  const description = useConsole((s) => s.scenario?.description ?? '');
  const busy = useConsole((s) => s.busy);
  const shown = useScenarioTitle(name, description);
  return (
    <header className="topbar">
      <div className="title-row">
        <h1>
          <span className="brand">Cumulo</span>
          <span className="scenario-name" data-testid="scenario-name" title={shown.description}>
            {shown.name}
          </span>
        </h1>
        <PresetPicker />
        <Modes />
        <PrincipalPicker />
        <LanguageSwitch />
      </div>
      <div className="control-row">
        <Controls />
        <Clock />
        <Sharing />
      </div>
      <ViolationBanner />
      {busy && (
        <div className="busy" role="status" data-testid="busy">
          {renderText(busy, lang)}
        </div>
      )}
    </header>
  );
});
