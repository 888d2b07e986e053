import type { TFunction } from 'i18next';
import { claimMaterialCode } from '../../../../shared/domain/claims';

/**
 * A material's label in the interface language. Head office sends the
 * customer the Chinese name; the agent reads it translated, by its code.
 */
export function materialLabel(t: TFunction, name: string): string {
  const code = claimMaterialCode(name);
  return code ? t(`claims.materialNames.${code}`) : name;
}

/** Materials as one line in the interface language (、 in Chinese, commas in English). */
export function materialList(t: TFunction, names: readonly string[]): string {
  return names.map((n) => materialLabel(t, n)).join(t('claims.listSeparator'));
}
