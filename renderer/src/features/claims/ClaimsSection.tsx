import { FileSearchOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerSectionContext } from '../customer/customer-sections';
import { maskPolicyNumber } from '../../../../shared/domain/masking';
import { ClaimCard } from './ClaimCard';
import { ClaimWizard } from './ClaimWizard';
import { useClaims } from './claims-store';
import { watchClaims } from './claims-refresh';
import './claims.css';

/**
 * The customer's claims in the customer panel, and the 报案 button that opens
 * the report wizard. Until the customer is verified in this conversation a
 * claim shows only its masked number, type and stage: amounts, materials and
 * the customer's own words are policy details (the person writing may not be
 * the customer).
 */
export function ClaimsSection({ conversationId, customerId, profile, verified }: CustomerSectionContext) {
  const { t } = useTranslation();
  const claims = useClaims((s) => s.byCustomer[customerId]);
  const failed = useClaims((s) => s.failed[customerId]);
  const load = useClaims((s) => s.load);
  const [reporting, setReporting] = useState(false);

  useEffect(() => {
    void load(customerId);
    return watchClaims(() => void load(customerId));
  }, [customerId, load]);

  return (
    <section data-testid="customer-claims">
      <div className="group-title claims-title">
        <FileSearchOutlined /> {t('identity.claims')}
        <Button size="small" type="primary" className="claims-report" onClick={() => setReporting(true)} data-testid="claim-report">
          {t('claims.report')}
        </Button>
      </div>
      {failed && !claims && <div className="muted small">{t(`errors.${failed.code}`, { defaultValue: failed.message })}</div>}
      {claims && claims.length === 0 && <div className="muted small">{t('identity.noClaims')}</div>}
      {claims && claims.length > 0 && !verified && (
        <div className="muted small" data-testid="claims-masked">
          {t('claims.maskedUntilVerified')}
        </div>
      )}
      {claims?.map((c) =>
        verified ? (
          <ClaimCard key={c.id} claim={c} />
        ) : (
          <div key={c.id} className="info-card claim-card" data-testid="claim-card-masked">
            <span className="mono">{maskPolicyNumber(c.claimNo)}</span> · {t(`claims.types.${c.type}`)} · {t(`claims.stages.${c.stage}`)}
          </div>
        ),
      )}
      {reporting && <ClaimWizard conversationId={conversationId} profile={profile} onClose={() => setReporting(false)} />}
    </section>
  );
}
