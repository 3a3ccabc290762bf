/** Display formatting (no simulation logic). */

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Simulated seconds as mm:ss.s (h:mm:ss.s from an hour on). */
export function formatClock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--.-';
  const tenths = Math.floor(seconds * 10 + 1e-9);
  const s = Math.floor(tenths / 10);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const frac = tenths % 10;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(sec)}.${frac}` : `${pad2(m)}:${pad2(sec)}.${frac}`;
}

/** Axis ticks: whole seconds, minutes or hours. */
export function formatAxisTime(seconds: number): string {
  if (!Number.isFinite(seconds)) return '';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s % 60)}` : `${m}:${pad2(s % 60)}`;
}

const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatInt(n: number): string {
  return Number.isFinite(n) ? intFormat.format(n) : '—';
}

/** A fraction (0..1) as a percentage with one decimal. */
export function formatPercent(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)} %` : '—';
}

/** Seconds as milliseconds with a sensible precision. */
export function formatMs(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const ms = seconds * 1000;
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '—';
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(0)} k/s`;
  return `${perSecond.toFixed(0)} /s`;
}

export function formatSpeed(speed: number): string {
  return speed === Infinity ? 'max' : `${speed}×`;
}

/** Requests per second for labels: "0 req/s", "4.2 req/s", "360 req/s", "1.2k req/s". */
export function formatRatePerSecond(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '0 req/s';
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)}M req/s`;
  if (perSecond >= 1e4) return `${(perSecond / 1e3).toFixed(0)}k req/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}k req/s`;
  if (perSecond >= 10) return `${perSecond.toFixed(0)} req/s`;
  return `${perSecond.toFixed(1)} req/s`;
}

/** Seconds as a short duration: "30 s", "5 min", "1.5 h". */
export function formatSpan(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 120) return `${Number(seconds.toFixed(1))} s`;
  if (seconds < 7200) return `${Number((seconds / 60).toFixed(1))} min`;
  return `${Number((seconds / 3600).toFixed(1))} h`;
}
