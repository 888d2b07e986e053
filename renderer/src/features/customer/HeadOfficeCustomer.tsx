import { CarOutlined, LockOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Result, Spin, Tag, Tooltip } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationCustomer, RevealedCustomer } from '../../../../shared/contract/customer-schemas';
import { COVERAGES, type CoverageItem } from '../../../../shared/domain/coverages';
import { useClock } from '../../app/clock-store';
import { formatCalendarDate, formatNumber } from '../../i18n/format';
import { CustomerSummary, PolicyCardHead, VehicleCard } from './CustomerCards';
import { CUSTOMER_SECTIONS } from './customer-sections';
import { IdentityCheckSection } from './IdentityCheckSection';
import { useIdentityCheck } from './identity-check-store';
import './identity-check.css';

function CoverageTag({ item }: { item: CoverageItem }) {
  const { t, i18n } = useTranslation();
  const def = COVERAGES[item.code];
  const name = i18n.language === 'en' ? def.en : def.short;
  const limit = item.limitYuan === null ? '' : ` ${t('identity.limit', { amount: formatNumber(item.limitYuan) })}`;
  return (
    <Tag className="mini-tag" data-testid="policy-coverage" title={i18n.language === 'en' ? def.en : def.zh}>
      {name}
      {limit}
    </Tag>
  );
}

function Policies({ profile, revealed, verified }: { profile: ConversationCustomer; revealed: RevealedCustomer | null; verified: boolean }) {
  const { t } = useTranslation();
  if (profile.policies.length === 0) return <div className="muted small">{t('customer.noPolicies')}</div>;
  return (
    <>
      {profile.policies.map((pol) => {
        const clear = revealed?.policies.find((p) => p.id === pol.id);
        const coverages = clear?.coverages ?? pol.coverages;
        return (
          <div key={pol.id} className="info-card" data-testid="customer-policy">
            <PolicyCardHead kind={pol.kind} status={pol.status} policyNo={clear?.policyNo ?? pol.policyNoMasked} />
            <div className="muted small">
              {t('common.labelValue', { label: t('customer.period'), value: `${formatCalendarDate(pol.startsOn)} – ${formatCalendarDate(pol.expiresOn)}` })}
            </div>
            {verified && coverages ? (
              <div className="coverage-tags" data-testid="policy-coverages">
                {coverages.map((c) => (
                  <CoverageTag key={c.code} item={c} />
                ))}
                {clear && clear.changes.length > 0 && (
                  <div className="muted small" data-testid="policy-changes">
                    {t('identity.changes', { count: clear.changes.length })}
                  </div>
                )}
              </div>
            ) : (
              <Tooltip title={t('identity.detailsLocked')}>
                <Button size="small" type="link" icon={<LockOutlined />} disabled data-testid="policy-locked" className="policy-locked">
                  {t('identity.openDetails')}
                </Button>
              </Tooltip>
            )}
          </div>
        );
      })}
    </>
  );
}

/**
 * The customer of a head-office conversation: masked by head office,
 * the identity check, and clear values for as long as the customer is
 * verified — then masked again.
 */
export function HeadOfficeCustomer({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const open = useIdentityCheck((s) => s.open);
  const reload = useIdentityCheck((s) => s.reload);
  const expire = useIdentityCheck((s) => s.expire);
  const mine = useIdentityCheck((s) => s.conversationId === conversationId);
  const profile = useIdentityCheck((s) => (mine ? s.profile : null));
  const status = useIdentityCheck((s) => (mine ? s.status : null));
  const revealed = useIdentityCheck((s) => (mine ? s.revealed : null));
  const failed = useIdentityCheck((s) => s.failed);
  const skew = useIdentityCheck((s) => s.skewMs);
  const now = useClock((s) => s.now);

  useEffect(() => {
    void open(conversationId);
  }, [conversationId, open]);
  // Leaving the panel (another conversation, another tab) drops everything, clear values first.
  useEffect(() => () => void useIdentityCheck.getState().open(null), []);

  const expiresAt = status?.state === 'verified' ? status.expiresAt : null;
  const verified = expiresAt !== null && expiresAt > now - skew;
  useEffect(() => {
    if (expiresAt !== null && !verified) void expire();
  }, [expiresAt, verified, expire]);

  if (!profile || !status) {
    if (failed) return <Result status="warning" title={t('identity.loadFailed')} extra={<Button onClick={() => void reload()}>{t('common.retry')}</Button>} />;
    return (
      <div className="column-center">
        <Spin />
      </div>
    );
  }
  const clear = verified ? revealed : null;
  const ctx = { conversationId, customerId: profile.customerId, profile, verified, revealed: clear };
  return (
    <div className="panel-scroll customer-profile" data-testid="customer-profile" data-verified={verified ? 'yes' : 'no'}>
      <CustomerSummary
        name={clear?.name ?? profile.name}
        city={profile.city ?? '—'}
        segmentLabel={t(`identity.segments.${profile.segment}`)}
        goldSegment={profile.segment === 'high_value'}
        phone={clear?.phone ?? (profile.phoneMasked || '—')}
        idNumber={clear?.idNumber ?? (profile.idNumberMasked || '—')}
      />

      <IdentityCheckSection conversationId={conversationId} status={status} />

      <div className="group-title">
        <CarOutlined /> {t('customer.vehicles')}
      </div>
      {profile.vehicles.length === 0 ? (
        <div className="muted small">{t('customer.noVehicles')}</div>
      ) : (
        profile.vehicles.map((v) => (
          <VehicleCard key={v.id} plate={clear?.vehicles.find((c) => c.id === v.id)?.plate ?? v.plateMasked} model={v.model}>
            {v.firstRegisteredOn && t('common.labelValue', { label: t('customer.firstRegistered'), value: formatCalendarDate(v.firstRegisteredOn) })}
            {v.ageYears !== null && ` · ${t('identity.age', { count: v.ageYears })}`}
          </VehicleCard>
        ))
      )}

      <div className="group-title">
        <SafetyCertificateOutlined /> {t('customer.policies')}
      </div>
      <Policies profile={profile} revealed={clear} verified={verified} />

      {[...CUSTOMER_SECTIONS]
        .sort((a, b) => a.order - b.order)
        .map((s) => (
          <div key={s.key}>{s.render(ctx)}</div>
        ))}
    </div>
  );
}
