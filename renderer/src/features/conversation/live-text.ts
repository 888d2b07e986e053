export interface LiveViewer {
  name: string;
  typing: boolean;
}

/** Colleagues in a conversation, split into who is typing and who is only looking; each name once. */
export function splitViewers(viewers: readonly LiveViewer[]): { typing: string[]; viewing: string[] } {
  const typing = new Set<string>();
  const seen = new Set<string>();
  for (const v of viewers) {
    const name = v.name.trim();
    if (name === '') continue;
    seen.add(name);
    if (v.typing) typing.add(name);
  }
  return { typing: [...typing], viewing: [...seen].filter((n) => !typing.has(n)) };
}
