/**
 * Script shortcuts: agents type `/` and the pinyin initials of a script's
 * title (`/bazs` → 报案指示话术). Initials are computed once when the script
 * is stored; matching is a cheap string test.
 */
export function shortcutScore(initials: string, typed: string): number {
  const q = typed.toLowerCase().replace(/^\//, '');
  if (q === '') return 0;
  if (initials.startsWith(q)) return 3;
  if (initials.includes(q)) return 2;
  let i = 0;
  for (const ch of initials) {
    if (ch === q[i]) i++;
    if (i === q.length) return 1;
  }
  return 0;
}
