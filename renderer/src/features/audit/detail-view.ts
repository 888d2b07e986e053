import type { AuditName } from '../../../../shared/contract/audit-schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DetailWords {
  /** A key's label for people (its code when there is none). */
  key(key: string): string;
  /** A coded value's label (`how: put` → 写入); the code when there is none. */
  value(key: string, code: string): string;
  yes: string;
  no: string;
  none: string;
  separator: string;
}

export interface ReadableLine {
  /** The raw path (`after.officeId`), for keys and tests. */
  path: string;
  /** The path in words (`修改后 · 所属网点`). */
  label: string;
  value: string;
}

type Names = Readonly<Record<string, AuditName>>;

/**
 * An id as a lead reads it: by the name head office sent, or the id itself
 * when head office named none (a ticket since deleted, a customer no office
 * keeps, a vehicle or policy). An audit view never leaves out what an entry
 * recorded: an id nobody can name is still evidence of what happened.
 */
export function idText(id: string, names: Names): string {
  return names[id.toLowerCase()]?.label ?? id;
}

/** One value as text. */
function valueText(key: string, value: unknown, names: Names, words: DetailWords): string {
  if (value === null) return words.none;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (UUID.test(value)) return idText(value, names);
    return /^[a-z][a-z_.]*$/.test(value) ? words.value(key, value) : value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return words.none;
    return value.map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : valueText(key, v, names, words))).join(words.separator);
  }
  return JSON.stringify(value);
}

/**
 * An entry's detail as a lead reads it: nested keys flattened into labelled
 * lines, yes/no for flags, ids shown by the names head office sent (offices,
 * accounts, ticket and claim numbers, customers) and as the raw id when it
 * named none. Every value stays plain text: typed words are never markup.
 */
export function readableDetail(detail: unknown, names: Names, words: DetailWords, path: string[] = []): ReadableLine[] {
  if (detail !== null && typeof detail === 'object' && !Array.isArray(detail)) {
    return Object.entries(detail as Record<string, unknown>).flatMap(([k, v]) => readableDetail(v, names, words, [...path, k]));
  }
  const key = path.at(-1) ?? '';
  return [{ path: path.join('.'), label: path.map((p) => words.key(p)).join(' · '), value: valueText(key, detail, names, words) }];
}

/** An entry's subject after its type: its name, `all` (every office) in words, or the raw id head office could not name. */
export function subjectText(subjectId: string, names: Names, allOffices: string): string {
  if (names[subjectId.toLowerCase()]) return idText(subjectId, names);
  return subjectId === 'all' ? allOffices : subjectId;
}
