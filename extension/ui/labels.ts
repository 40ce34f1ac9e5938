// Words shown to people. Typed against the shared schema, but importing only
// types, so the popup does not pull zod into its bundle.
import type { Autonomy, Topic } from '../../shared/schemas';

export const VALUE_LABELS = ['Not useful', 'A little useful', 'Useful', 'Very useful', 'Extremely valuable'] as const;

export const AUTONOMY_LABELS: Record<Autonomy, string> = {
  did_it_for_me: 'They did it for me',
  showed_me: 'They showed me how',
  i_can_now: 'I can do it myself now',
};

export const TOPIC_LABELS: Record<Topic, string> = {
  tools: 'Tools',
  ways_of_working: 'Ways of working',
  strategy: 'Strategy',
  customers_markets: 'Customers & markets',
  culture_perspectives: 'Culture & perspectives',
  career: 'Career',
};

export function when(iso: string | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
