// Building blocks every resource of the contract uses: ids, times, the error
// envelope and the rate shape. See README, "API".
import { z } from 'zod';
import { plainText } from '../text';
import { ID_MAX } from './answer-rules';

export const id = z.string().trim().min(1).max(ID_MAX);
/** Text a person typed and others will read: cleaned by shared/text.ts before it is measured. */
export const shownText = () => z.string().overwrite(plainText);
export const shortText = shownText().max(100);

/** Any ISO-8601 instant with a zone, normalised to UTC `...Z` so that stored times sort as text. */
export const instant = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString());

/** A calendar day, `YYYY-MM-DD`. */
export const day = z.iso.date();

export const WHOLE_DAY_MESSAGE = 'must be a whole UTC day: YYYY-MM-DD, or an instant at 00:00:00Z';

/** A whole UTC day, `YYYY-MM-DD` or that day's midnight instant, as its midnight `...T00:00:00.000Z`. */
export const wholeDay = z
  .string()
  .transform((text, ctx) => {
    const ms = /^\d{4}-\d{2}-\d{2}$/.test(text) && day.safeParse(text).success
      ? Date.parse(`${text}T00:00:00.000Z`)
      : instant.safeParse(text).success ? Date.parse(text) : NaN;
    if (Number.isNaN(ms) || ms % 86_400_000 !== 0) {
      ctx.addIssue({ code: 'custom', message: WHOLE_DAY_MESSAGE });
      return z.NEVER;
    }
    return new Date(ms).toISOString();
  });

/** One problem with the input: where (a zod path) and what. */
export const issue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  code: z.string().optional(),
});

/** Every failure's body (README, "API"): 400 lists each problem in `issues`. */
export const errorEnvelope = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    issues: z.array(issue).optional(),
  }),
}).meta({ id: 'Error' });
export type ErrorEnvelope = z.infer<typeof errorEnvelope>;

/** A Wilson 95% rate (shared/metrics/README.md), or null when nothing was counted (n = 0). */
export const rate = z
  .object({ value: z.number(), n: z.int(), low: z.number(), high: z.number() })
  .nullable()
  .meta({ id: 'Rate' });
export type Rate = z.infer<typeof rate>;
