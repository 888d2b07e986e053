import { SafetyOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './AppHeader';
import type { errorPayload } from './call';
import { DeskErrorDetails } from './feedback';

/** The card a desk opens on before anyone works at it (registering an agent, signing in to head office). */
export function EntryCard({ testId, title, hint, children }: { testId: string; title: string; hint: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="center-screen">
      <Card className="register-card" data-testid={testId}>
        <div className="register-brand">
          <SafetyOutlined className="brand-mark" />
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-title">{t('app.title')}</span>
          <span className="session-spacer" />
          <LanguageSwitch />
        </div>
        <h2>{title}</h2>
        <p className="muted">{hint}</p>
        {children}
      </Card>
    </div>
  );
}

/** Why the form's last submission failed, in the agent's language (`text` says it better for this form). */
export function EntryError({ error, testId, text }: { error: ReturnType<typeof errorPayload> | null; testId?: string; text?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="field-error" data-testid={testId} data-code={error.code}>
      {text ?? t(`errors.${error.code}`)}
      <DeskErrorDetails error={error} />
    </div>
  );
}
