import { SafetyOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../app/AppHeader';
import { SignInForm } from './SignInForm';

/** A desk that works with head office opens on sign-in: the agent here is a head-office account. */
export function SignInPage({ onSignedIn }: { onSignedIn(): void }) {
  const { t } = useTranslation();
  return (
    <div className="center-screen">
      <Card className="register-card" data-testid="sign-in-page">
        <div className="register-brand">
          <SafetyOutlined className="brand-mark" />
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-title">{t('app.title')}</span>
          <span className="session-spacer" />
          <LanguageSwitch />
        </div>
        <h2>{t('headOffice.signInTitle')}</h2>
        <p className="muted">{t('headOffice.signInHint')}</p>
        <SignInForm onSignedIn={onSignedIn} />
      </Card>
    </div>
  );
}
