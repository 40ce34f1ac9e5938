// chart.js, registered piece by piece so the bundle carries only what the
// dashboards draw: bars, lines and the filled interval bands between two lines.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type { Rate } from '../../shared/contract';

/** The page follows the reader's colour scheme (styles.css), and so do the charts, read once at load. */
const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip);
Chart.defaults.animation = false;
Chart.defaults.font.family = 'system-ui, sans-serif';
Chart.defaults.color = dark ? '#d7dae0' : '#333';
Chart.defaults.borderColor = dark ? 'rgba(255, 255, 255, 0.14)' : 'rgba(0, 0, 0, 0.1)';

export { Chart };
export type { ChartConfiguration };

/** Colours with at least 4.5:1 contrast on the card: white, or the dark theme's #1e2228. */
export const PALETTE: readonly [string, string, string, string, string] = dark
  ? ['#8fb4ff', '#ffab7a', '#8fd694', '#c9a7ff', '#e7c65a']
  : ['#1f5fa8', '#a4461a', '#2e6b30', '#6a3d9a', '#8a6d00'];
/** Grey for "no verdict yet" bars. */
export const NEUTRAL = dark ? '#9aa1ac' : '#666';

export function translucent(hex: string, alpha = 0.18): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** A rate line with its 95% interval drawn as a band (a low and a high line, filled between). */
export function rateDatasets(label: string, rates: Array<Rate | undefined>, colour: string) {
  const pct = (x: number | undefined) => (x === undefined ? null : Math.round(x * 1000) / 10);
  return [
    { type: 'line' as const, label: `${label} low`, data: rates.map((r) => pct(r?.low)), borderWidth: 0, pointRadius: 0, fill: false },
    {
      type: 'line' as const,
      label: `${label} 95% interval`,
      data: rates.map((r) => pct(r?.high)),
      borderWidth: 0,
      pointRadius: 0,
      fill: '-1',
      backgroundColor: translucent(colour),
    },
    // A period without enough answers is a gap in what may be shown, so the line joins across it.
    { type: 'line' as const, label, data: rates.map((r) => pct(r?.value)), borderColor: colour, backgroundColor: colour, borderWidth: 2, pointRadius: 3, spanGaps: true },
  ];
}

/** Legend entries for the band's lower edge say nothing a reader needs. */
export const hideBandEdges = { labels: { filter: (item: { text: string }) => !item.text.endsWith(' low') } };

/**
 * A category label broken into lines of about `width` characters, so long names
 * ("Culture & perspectives") stay whole on a narrow axis instead of being clipped.
 */
export function wrapLabel(label: string, width = 14): string | string[] {
  if (label.length <= width) return label;
  const lines: string[] = [];
  for (const word of label.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && `${lines[last]} ${word}`.length <= width) lines[last] = `${lines[last]} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Options for a horizontal bar chart of whole-number counts, one bar per label. */
export const countBarOptions = {
  indexAxis: 'y' as const,
  responsive: true,
  maintainAspectRatio: false,
  plugins: { legend: { display: false } },
  // Every bar keeps its label: chart.js would otherwise skip labels that do not fit.
  scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: { autoSkip: false } } },
};
