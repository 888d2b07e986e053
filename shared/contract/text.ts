import { z } from 'zod';

/**
 * Control characters (C0 but line breaks and tabs, DEL, C1) and the bidi
 * overrides and isolates that can make text read backwards on screen never
 * belong in what an agent or a customer types.
 */
const STRIPPED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/**
 * Something a person can see: not white space, not a combining mark alone,
 * not a zero-width, filler or blank-looking character.
 */
const INVISIBLE = /[\s\p{M}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800\u3164\u115f\u1160\uffa0]/gu;

export function cleanText(s: string): string {
  return s.replace(STRIPPED, '');
}

export function hasVisibleText(s: string): boolean {
  return s.replace(INVISIBLE, '').length > 0;
}

/** Trimmed, bounded text with at least one visible character. */
export const visibleText = (max: number) =>
  z
    .string()
    .transform((s) => cleanText(s).trim())
    .pipe(z.string().max(max).refine(hasVisibleText, 'no visible text'));

/** Optional text: cleaned, and blank (nothing visible) becomes absent. */
export const optionalText = (max: number) =>
  z
    .string()
    .max(max * 2)
    .transform((s) => {
      const t = cleanText(s).trim();
      return hasVisibleText(t) ? t : undefined;
    })
    .pipe(z.string().max(max).optional())
    .optional();

/** Free text that may be empty (a draft, a description): cleaned and bounded. */
export const freeText = (max: number) => z.string().transform((s) => cleanText(s)).pipe(z.string().max(max));
