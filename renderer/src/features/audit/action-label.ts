import type { TFunction } from 'i18next';

/** An action's name for people; one another workflow added without a label shows as its code. */
export function actionLabel(t: TFunction, action: string): string {
  return t(`audit.actions.${action.replace(/\./g, '_')}`, { defaultValue: action });
}
