/**
 * The charts' legend: recharts' own names each icon "<series> legend icon" in English for screen
 * readers; here the icon is decoration (aria-hidden) and the series' name, already in the reader's
 * language, stands beside it. Same class names as recharts' (the chart export reads them).
 */
import type { LegendPayload } from 'recharts';

const LIST = { padding: 0, margin: 0, textAlign: 'center' } as const;
const ITEM = { display: 'inline-block', marginRight: 10, whiteSpace: 'nowrap' } as const;
const ICON = { display: 'inline-block', verticalAlign: 'middle', marginRight: 4 } as const;

function Icon({ type, color }: { type: LegendPayload['type']; color: string }) {
  if (type === 'line' || type === 'plainline')
    return <path d="M0,16h32" stroke={color} strokeWidth={4} fill="none" />;
  return <path d="M0,4h32v24h-32z" fill={color} />;
}

/** Legend content for `<Legend content={ChartLegend} />`. */
export function ChartLegend({ payload }: { payload?: readonly LegendPayload[] }) {
  if (!payload || payload.length === 0) return null;
  return (
    <ul className="recharts-default-legend" style={LIST}>
      {payload.map((entry, i) =>
        entry.type === 'none' ? null : (
          <li key={`legend-item-${i}`} className={`recharts-legend-item legend-item-${i}${entry.inactive ? ' inactive' : ''}`} style={ITEM}>
            <svg width={14} height={14} viewBox="0 0 32 32" style={ICON} aria-hidden="true" focusable="false">
              <Icon type={entry.type} color={entry.color ?? '#71717a'} />
            </svg>
            <span className="recharts-legend-item-text" style={{ color: entry.color }}>
              {entry.value}
            </span>
          </li>
        ),
      )}
    </ul>
  );
}
