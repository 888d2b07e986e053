import { CopyOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isRenewalLink, withRenewalLink } from '../../../../shared/domain/renewal';
import type { RenewalTask } from '../../../../shared/head-office/renewals';

/**
 * The step's script as the agent reads and copies it. Where the script
 * leaves room for the renewal link (made in the company's renewal app), the
 * agent pastes it into the field and the script shows it in place; until
 * then a marked blank shows, never raw braces, and copying waits for it.
 */
export function RenewalScript({ task }: { task: RenewalTask }) {
  const { t } = useTranslation();
  const [link, setLink] = useState('');
  const [copied, setCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);
  const needsLink = task.script.includes('{{link}}');
  const badLink = link.trim() !== '' && !isRenewalLink(link);
  const shown = withRenewalLink(task.script, badLink ? '' : link, t('renewals.linkBlank'));

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(shown.text);
      setCopied(true);
      setCopyFailed(false);
    } catch {
      setCopyFailed(true);
    }
  };

  return (
    <div className="renewal-script" data-testid="renewal-script">
      <span className="renewal-script-label small muted">{t('renewals.script')}</span>
      <p data-testid="renewal-script-text" data-missing-link={shown.missingLink}>
        {shown.text}
      </p>
      {needsLink && (
        <div className="renewal-outcome-row">
          <Input
            size="small"
            maxLength={500}
            placeholder={t('renewals.linkField')}
            aria-label={t('renewals.linkField')}
            value={link}
            status={badLink ? 'error' : undefined}
            onChange={(e) => {
              setLink(e.target.value);
              setCopied(false);
            }}
            data-testid="renewal-link"
          />
        </div>
      )}
      {needsLink && (
        <div className={badLink ? 'small renewal-link-bad' : 'muted small'} data-testid="renewal-link-hint">
          {badLink ? t('renewals.linkBad') : t('renewals.linkHint')}
        </div>
      )}
      <div className="renewal-script-actions">
        <Button size="small" icon={<CopyOutlined />} disabled={shown.missingLink} onClick={() => void copy()} data-testid="renewal-copy" data-copied={copied}>
          {copied ? t('renewals.copied') : t('renewals.copy')}
        </Button>
        {copyFailed && <span className="small renewal-link-bad">{t('renewals.copyFailed')}</span>}
      </div>
    </div>
  );
}
