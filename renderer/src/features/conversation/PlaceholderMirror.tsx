import type { ReactNode, Ref } from 'react';
import { findPlaceholders } from '../../../../shared/domain/placeholders';

/** The draft split into text and `<mark>`ed placeholders, as React elements. */
function pieces(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  for (const ref of findPlaceholders(text)) {
    if (ref.start > at) out.push(text.slice(at, ref.start));
    out.push(
      <mark key={ref.start} className="placeholder-mark" data-key={ref.key}>
        {text.slice(ref.start, ref.end)}
      </mark>,
    );
    at = ref.end;
  }
  if (at < text.length) out.push(text.slice(at));
  // A trailing newline needs something after it to take up its line.
  out.push('\u200b');
  return out;
}

/**
 * Sits behind the transparent textarea with the same box and font, so each
 * `{{placeholder}}` shows a highlight exactly under the typed text.
 */
export function PlaceholderMirror({ text, ref }: { text: string; ref: Ref<HTMLDivElement> }) {
  return (
    <div ref={ref} className="composer-mirror" aria-hidden="true" data-testid="composer-mirror">
      {pieces(text)}
    </div>
  );
}
