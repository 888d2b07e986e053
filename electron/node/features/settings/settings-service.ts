import type { DeskSettings, Locale } from '../../../../shared/contract/schemas.js';
import type { DeskContext } from '../../app/desk-context.js';

const DEFAULTS: DeskSettings = { locale: 'zh-CN', companyName: '' };

/** Workstation preferences kept in the cache (not synced: they are per desk). */
export function createSettingsService(ctx: DeskContext) {
  const read = <K extends keyof DeskSettings>(key: K): DeskSettings[K] => {
    const raw = ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
    return raw === undefined ? DEFAULTS[key] : (JSON.parse(raw) as DeskSettings[K]);
  };
  const write = (key: keyof DeskSettings, value: unknown) =>
    ctx.db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, JSON.stringify(value));

  const get = (): DeskSettings => ({ locale: read('locale'), companyName: read('companyName') });
  return {
    get,
    setLocale(locale: Locale): DeskSettings {
      write('locale', locale);
      return get();
    },
    setCompanyName(name: string): void {
      write('companyName', name);
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
