import { useTranslation } from 'react-i18next';
import { EntryCard } from '../../app/EntryCard';
import { SignInForm } from './SignInForm';

/** A desk that works with head office opens on sign-in: the agent here is a head-office account. */
export function SignInPage({ onSignedIn }: { onSignedIn(): void }) {
  const { t } = useTranslation();
  return (
    <EntryCard testId="sign-in-page" title={t('headOffice.signInTitle')} hint={t('headOffice.signInHint')}>
      <SignInForm onSignedIn={onSignedIn} />
    </EntryCard>
  );
}
