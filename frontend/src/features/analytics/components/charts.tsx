import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';

import { formatNumber } from '@/lib/format';

import { ticks } from './format';

export type Series = { key: string; label: string; values: number[] };

const COLOURS = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2'];
const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 28, left: 48 };


/** A chart that can also be read as a table: the toggle swaps the SVG for the same figures. */
function ChartFrame({
  title,
  table,
  children,
}: {
  title: string;
  table: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption className="chart__caption">
        <span id={id}>{title}</span>
        <Button size="small" variant="secondary" aria-pressed={asTable} onClick={() => setAsTable((value) => !value)}>
          {asTable ? t('analytics.chart.showChart') : t('analytics.chart.showTable')}
        </Button>
      </figcaption>
      {asTable ? table : children}
    </figure>
  );
}

export function LineChart({ title, labels, series }: { title: string; labels: string[]; series: Series[] }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const axis = ticks(max);
  const top = axis[axis.length - 1] || 1;
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (labels.length <= 1 ? innerW / 2 : (i * innerW) / (labels.length - 1));
  const y = (v: number) => PAD.top + innerH - (v / top) * innerH;
  const every = Math.max(1, Math.ceil(labels.length / 8));
  const summary = series
    .map((s) => t('analytics.chart.seriesSummary', { label: s.label, total: formatNumber(s.values.reduce((a, b) => a + b, 0)) }))
    .join('; ');
  const table = (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('analytics.chart.date')}</th>
            {series.map((s) => (
              <th scope="col" key={s.key}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((label, i) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {series.map((s) => (
                <td key={s.key}>{formatNumber(s.values[i])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <ChartFrame title={title} table={table}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="chart__svg" role="img" aria-label={`${title}: ${summary}`}>
        {axis.map((value) => (
          <g key={value}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(value)} y2={y(value)} className="chart__grid" />
            <text x={PAD.left - 6} y={y(value) + 4} textAnchor="end" className="chart__tick">
              {formatNumber(value)}
            </text>
          </g>
        ))}
        {labels.map((label, i) =>
          i % every === 0 ? (
            <text key={label} x={x(i)} y={HEIGHT - 8} textAnchor="middle" className="chart__tick">
              {label}
            </text>
          ) : null,
        )}
        {series.map((s, index) => (
          <polyline
            key={s.key}
            fill="none"
            stroke={COLOURS[index % COLOURS.length]}
            strokeWidth={2}
            points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')}
          />
        ))}
      </svg>
      <ul className="chart__legend">
        {series.map((s, index) => (
          <li key={s.key}>
            <span className="chart__swatch" style={{ background: COLOURS[index % COLOURS.length] }} aria-hidden="true" />
            {s.label}
          </li>
        ))}
      </ul>
    </ChartFrame>
  );
}

export type Bar = { key: string; label: string; value: number | null; note?: string };

export function BarChart({
  title,
  bars,
  valueLabel,
  onSelect,
  selectLabel,
}: {
  title: string;
  bars: Bar[];
  valueLabel: string;
  onSelect?: (bar: Bar) => void;
  selectLabel?: (bar: Bar) => string;
}) {
  const { t } = useTranslation();
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const table = (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('analytics.chart.item')}</th>
            <th scope="col">{valueLabel}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.key}>
              <th scope="row">{bar.label}</th>
              <td>{bar.value === null ? bar.note ?? '–' : formatNumber(bar.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <ChartFrame title={title} table={table}>
      {bars.length === 0 ? (
        <p className="muted">{t('analytics.empty')}</p>
      ) : (
        <ul className="bars" aria-label={title}>
          {bars.map((bar) => (
            <li key={bar.key} className="bars__row">
              <span className="bars__label">{bar.label}</span>
              <span className="bars__track" aria-hidden="true">
                <span className="bars__bar" style={{ width: `${((bar.value ?? 0) / max) * 100}%` }} />
              </span>
              <span className="bars__value">{bar.value === null ? bar.note ?? '–' : formatNumber(bar.value)}</span>
              {onSelect && bar.value !== null && (
                <Button size="small" variant="secondary" onClick={() => onSelect(bar)} aria-label={selectLabel?.(bar)}>
                  {t('analytics.drilldown.open')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </ChartFrame>
  );
}
