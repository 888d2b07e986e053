/** The detail as path → value lines (nested objects flattened), every value plain text: customer words are never markup. */
export function detailLines(value: unknown, path = ''): [string, string][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => detailLines(v, path ? `${path}.${k}` : k));
  }
  return [[path, typeof value === 'string' ? value : JSON.stringify(value)]];
}
