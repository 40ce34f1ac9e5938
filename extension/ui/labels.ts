// Words shown to people. The shared vocabulary is free of zod, so the popup
// can import its values without the schema library.
import type { Autonomy } from '../../shared/vocabulary';

export { TOPIC_LABELS } from '../../shared/vocabulary';

export const VALUE_LABELS = ['Not useful', 'A little useful', 'Useful', 'Very useful', 'Extremely valuable'] as const;

export const AUTONOMY_LABELS: Record<Autonomy, string> = {
  did_it_for_me: 'They did it for me',
  showed_me: 'They showed me how',
  i_can_now: 'I can do it myself now',
};

export function when(iso: string | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
