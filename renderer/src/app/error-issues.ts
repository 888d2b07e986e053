import type { DeskErrorIssue } from '../../../shared/contract/errors';
import { i18n } from '../i18n';
import { zhCN } from '../i18n/zh-CN';

/**
 * The localized label of the input field an issue points at: the first step
 * of its path (`scriptIds.3` → scriptIds). Unknown or empty paths get the
 * generic label, so a raw path never reaches the agent.
 */
export function issueFieldLabel(path: string): string {
  const name = path.split('.')[0] ?? '';
  return i18n.t(name !== '' && Object.hasOwn(zhCN.fields, name) ? `fields.${name}` : 'fields.input');
}

/** What is wrong with one input, in the agent's language; the validator's own English text stays in logs. */
export function issueMessage(issue: DeskErrorIssue): string {
  const field = issueFieldLabel(issue.path);
  // A typed reason says what is wrong (a time in the past is not a format problem); unknown reasons read as "not valid".
  if (issue.reason && Object.hasOwn(zhCN.issues.reasons, issue.reason)) return i18n.t(`issues.reasons.${issue.reason}`, { field });
  return i18n.t('issues.invalid', { field });
}

/** One line per field, in the order the issues came. */
export function issueMessages(issues: readonly DeskErrorIssue[]): string[] {
  return [...new Set(issues.map(issueMessage))];
}
