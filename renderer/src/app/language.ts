import type { Locale } from '../../../shared/contract/schemas';
import { i18n } from '../i18n';
import { unwrap } from './call';
import { desk } from './desk-client';
import { reportError } from './feedback';

export async function applyLanguage(locale: Locale): Promise<void> {
  await i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
  document.title = `${i18n.t('app.name')} · ${i18n.t('app.title')}`;
}

/** Switch at run time and remember the choice for this workstation. */
export async function switchLanguage(locale: Locale): Promise<void> {
  await applyLanguage(locale);
  try {
    await unwrap(desk().settings.setLocale({ locale }));
  } catch (err) {
    reportError(err);
  }
}
