// Free text that people type (names, attributes, cohorts) is shown to others on
// the dashboard and in exports, so it must read as what it is. Control
// characters (NUL, CR/LF…), bidirectional overrides and isolates (U+202E…) and
// zero-width characters could make one name pass for another or break a CSV
// row. Every entry point (the JSON routes, the CSV import, the history import)
// goes through the zod schemas of shared/schemas.ts, which apply this rule.

/** Line breaks and tabs: replaced by a space, so "Ana\nLima" stays two words. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;

/**
 * Characters that draw nothing or reorder what follows: C0 and C1 controls, the
 * soft hyphen, the Arabic letter mark, the Mongolian vowel separator, zero-width
 * space/non-joiner/joiner, LRM/RLM, the bidi embeddings, overrides and isolates,
 * the word joiner and invisible operators, the BOM and interlinear annotation.
 * (Dropping the zero-width joiners splits emoji sequences and some Indic and
 * Persian spellings into their parts: legible, and never a disguise.)
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

/** The text as it will be shown: breaks become spaces, invisible characters go, runs of spaces shrink to one. */
export function plainText(text: string): string {
  return text.replace(BREAKS, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim();
}

/** Either kind, built once (without the g flag, so that test() keeps no state between calls). */
const HIDDEN = new RegExp(`${BREAKS.source}|${INVISIBLE.source}`);

/** Whether the text holds a character that plainText would change (for keys, which are refused rather than altered). */
export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN.test(text);
}
