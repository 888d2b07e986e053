import { useTranslation } from 'react-i18next';
import { previewParts, previewText } from './script-preview';

/**
 * A script body as the agent reads it: each placeholder a small chip with
 * its label (公司名称), never the raw `{{companyName|本公司}}`. Built from
 * React elements only. What goes into the reply is unchanged.
 */
export function ScriptPreview({ body, className, testId }: { body: string; className: string; testId?: string }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`placeholder.${key}`, { defaultValue: key });
  return (
    <div className={className} data-testid={testId} title={previewText(body, (key) => t('scripts.placeholderText', { label: label(key) }))}>
      {previewParts(body).map((part, i) =>
        part.kind === 'text' ? (
          part.text
        ) : (
          <mark
            key={i}
            className="script-placeholder"
            data-testid="script-placeholder"
            data-key={part.key}
            title={part.fallback ? t('scripts.placeholderFallback', { label: label(part.key), fallback: part.fallback }) : t('scripts.placeholderHint', { label: label(part.key) })}
          >
            {label(part.key)}
          </mark>
        ),
      )}
    </div>
  );
}
