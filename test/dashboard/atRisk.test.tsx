import { afterEach, describe, expect, it, vi } from 'vitest';
import { AtRiskTable } from '../../worker/dashboard/components/AtRiskTable';
import { FLAG_ADVICE } from '../../worker/dashboard/flagAdvice';
import { FLAGS } from '../../shared/vocabulary';
import { helplinePair, lowHealthPair } from './fixtures';
import { click, mount, text, unmountAll } from './render';

afterEach(unmountAll);

describe('at-risk table', () => {
  it('lists each pair with its members, health, the Worker’s reasons and a next step per flag', async () => {
    const root = await mount(<AtRiskTable pairs={[helplinePair, lowHealthPair]} />);
    const rows = root.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    const first = rows[0]!;
    expect(text(first.querySelector('th'))).toContain('Ada Senior & Ben Junior');
    expect(text(first.querySelector('td.num'))).toBe('41');
    for (const { flag, reason } of helplinePair.flags) {
      expect(text(first.querySelector(`[data-flag="${flag}"]`))).toContain(reason);
    }
    const steps = [...first.querySelectorAll('.next-steps li')].map(text);
    expect(steps).toEqual(['Coach the pair on showing rather than doing.', 'Check in with both people and re-book a recurring slot.']);
  });

  it('explains a pair that is at risk on health alone', async () => {
    const root = await mount(<AtRiskTable pairs={[lowHealthPair]} />);
    expect(text(root.querySelector('tbody tr'))).toContain('Health is below 50');
  });

  it('has a plain-words meaning and a distinct next step for every flag', () => {
    const steps = FLAGS.map((flag) => FLAG_ADVICE[flag].nextStep);
    expect(new Set(steps).size).toBe(FLAGS.length);
    for (const flag of FLAGS) expect(FLAG_ADVICE[flag].meaning.length).toBeGreaterThan(10);
  });

  it('says so when no pair is at risk', async () => {
    const root = await mount(<AtRiskTable pairs={[]} />);
    expect(text(root)).toContain('No pair is at risk');
    expect(root.querySelector('table')).toBeNull();
  });

  it('opens the drill-down for the pair whose name is clicked', async () => {
    const onOpen = vi.fn();
    const root = await mount(<AtRiskTable pairs={[helplinePair, lowHealthPair]} onOpen={onOpen} />);
    await click(root.querySelectorAll('tbody tr button.link')[1]);
    expect(onOpen).toHaveBeenCalledWith(lowHealthPair.id);
  });
});
