import { Alert, Button } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditSearchForm } from './AuditSearchForm';
import { AuditTable } from './AuditTable';
import { useAudit } from './audit-store';
import { ChainBadge } from './ChainBadge';
import './audit.css';

/** 审计日志: the lead searches their office's audit entries, checks the hash chain and exports what they found. */
export function AuditView() {
  const { t } = useTranslation();
  const entries = useAudit((s) => s.entries);
  const names = useAudit((s) => s.names);
  const loading = useAudit((s) => s.loading);
  const error = useAudit((s) => s.error);
  const nextBefore = useAudit((s) => s.nextBefore);

  useEffect(() => {
    const { search, verify } = useAudit.getState();
    void search({});
    void verify();
  }, []);

  return (
    <section className="audit-view" data-testid="audit-view" data-state={error ? 'error' : loading ? 'loading' : 'ready'}>
      <div className="queue-toolbar">
        <span className="column-title">{t('audit.title')}</span>
        <span className="muted small">{t('audit.scope')}</span>
        <span className="session-spacer" />
        <ChainBadge />
      </div>
      <AuditSearchForm />
      {error && <Alert type="error" showIcon data-testid="audit-error" data-code={error.code} title={`${t('audit.failedTitle')} · ${t(`errors.${error.code}`)}`} />}
      <div className="audit-results">
        <AuditTable entries={entries} names={names} loading={loading} />
        {nextBefore !== null && (
          <Button block onClick={() => void useAudit.getState().more()} loading={loading} data-testid="audit-more">
            {t('audit.more')}
          </Button>
        )}
      </div>
    </section>
  );
}
