import { findPlaceholders } from '../../../../shared/domain/placeholders';

export type PreviewPart = { kind: 'text'; text: string } | { kind: 'placeholder'; key: string; fallback: string | undefined };

/**
 * A script body cut into plain text and placeholders, so a preview can show
 * each `{{key|fallback}}` as a labelled chip instead of its raw syntax.
 */
export function previewParts(body: string): PreviewPart[] {
  const parts: PreviewPart[] = [];
  let at = 0;
  for (const ref of findPlaceholders(body)) {
    if (ref.start > at) parts.push({ kind: 'text', text: body.slice(at, ref.start) });
    const fallback = ref.fallback?.trim();
    parts.push({ kind: 'placeholder', key: ref.key, fallback: fallback ? fallback : undefined });
    at = ref.end;
  }
  if (at < body.length) parts.push({ kind: 'text', text: body.slice(at) });
  return parts;
}

/** The same preview as one plain string (for a hover title), each placeholder given by `label`. */
export function previewText(body: string, label: (key: string) => string): string {
  return previewParts(body)
    .map((p) => (p.kind === 'text' ? p.text : label(p.key)))
    .join('');
}
