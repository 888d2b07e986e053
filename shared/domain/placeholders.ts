/**
 * Script placeholders: `{{claimNo}}` or `{{customerName|您}}` (with a fallback
 * used when the conversation does not know the value).
 */
export const PLACEHOLDER_KEYS = [
  'customerName',
  'agentName',
  'companyName',
  'claimNo',
  'amount',
  'date',
  'deadline',
  'missingMaterials',
  'plate',
  'policyNo',
  'expiryDate',
  'ticketNo',
  'surveyTime',
  'solution',
  'reason',
  'hotline',
  'link',
] as const;
export type PlaceholderKey = (typeof PLACEHOLDER_KEYS)[number];

export type PlaceholderValues = Partial<Record<PlaceholderKey, string>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*(?:\|([^{}]*))?\}\}/g;

export interface PlaceholderRef {
  key: string;
  fallback: string | undefined;
  start: number;
  end: number;
}

export function findPlaceholders(text: string): PlaceholderRef[] {
  const refs: PlaceholderRef[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    refs.push({ key: m[1]!, fallback: m[2], start: m.index, end: m.index + m[0].length });
  }
  return refs;
}

export interface FilledScript {
  text: string;
  /** Placeholders left in `text` for the agent to fill by hand. */
  unfilled: string[];
}

/**
 * Fill what the conversation knows, then fallbacks; leave the rest as
 * `{{key}}` so the composer can highlight it and ask before sending.
 */
export function fillPlaceholders(template: string, values: PlaceholderValues): FilledScript {
  const unfilled: string[] = [];
  const text = template.replace(PLACEHOLDER, (_whole, key: string, fallback: string | undefined) => {
    const value = (values as Record<string, string | undefined>)[key];
    if (value !== undefined && value.trim() !== '') return value;
    if (fallback !== undefined && fallback.trim() !== '') return fallback.trim();
    if (!unfilled.includes(key)) unfilled.push(key);
    return `{{${key}}}`;
  });
  return { text, unfilled };
}

/** Keys still waiting in a draft (the agent may have typed over some). */
export function unfilledPlaceholders(draft: string): string[] {
  return [...new Set(findPlaceholders(draft).map((r) => r.key))];
}
