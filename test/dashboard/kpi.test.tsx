import { afterEach, describe, expect, it } from 'vitest';
import { RateTile } from '../../worker/dashboard/components/KpiTile';
import { KpiTiles } from '../../worker/dashboard/components/KpiTiles';
import { programmeMetrics, rate } from './fixtures';
import { mount, text, unmountAll } from './render';

afterEach(unmountAll);

describe('KPI tiles', () => {
  it('shows "not enough data" and n = 0 for a null rate, never 0%', async () => {
    const root = await mount(<RateTile label="Openness" rate={null} />);
    expect(text(root.querySelector('.kpi-value'))).toBe('not enough data');
    expect(text(root)).toContain('n = 0');
    expect(text(root)).not.toContain('0%');
    expect(root.querySelector('.kpi')?.classList.contains('missing')).toBe(true);
  });

  it('shows a rate with its interval and n', async () => {
    const root = await mount(<RateTile label="Openness" rate={rate(50, 60, 0.72, 0.91)} />);
    expect(text(root.querySelector('.kpi-value'))).toBe('83%');
    expect(text(root.querySelector('.kpi-detail'))).toBe('95% CI 72–91%, n = 60');
  });

  it('lays out the seven headline figures, with not-enough-data where the Worker sent null', async () => {
    const summary = programmeMetrics({
      depthRate: null,
      health: { mean: null, median: null, n: 0, low: null, high: null, histogram: new Array(10).fill(0) },
    });
    const root = await mount(<KpiTiles summary={summary} />);
    const tiles = [...root.querySelectorAll('.kpi')].map((tile) => text(tile.querySelector('.kpi-label')));
    expect(tiles).toEqual(['Active pairs', 'Response rate', 'Mean health', 'Mutual learning', 'Two-way pairs', 'Openness', 'Depth']);
    const tile = (label: string) => [...root.querySelectorAll('.kpi')].find((t) => text(t.querySelector('.kpi-label')) === label);
    expect(text(tile('Depth')?.querySelector('.kpi-value'))).toBe('not enough data');
    expect(text(tile('Mean health')?.querySelector('.kpi-value'))).toBe('not enough data');
    expect(text(tile('Active pairs'))).toContain('of 12 enrolled (75%');
    expect(text(tile('Two-way pairs')?.querySelector('.kpi-detail'))).toBe('95% CI 35–88%, n = 9');
  });
});
