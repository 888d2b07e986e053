import { CarOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Result, Spin, Tag } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerProfile } from '../../../../shared/contract/schemas';
import { formatCalendarDate } from '../../i18n/format';
import { useActiveConversation } from '../sessions/sessions-store';
import { CustomerSummary, PolicyCardHead, VehicleCard } from './CustomerCards';
import { useCustomers } from './customer-store';
import { HeadOfficeCustomer } from './HeadOfficeCustomer';

function Profile({ profile: p }: { profile: CustomerProfile }) {
  const { t } = useTranslation();
  return (
    <div className="panel-scroll customer-profile" data-testid="customer-profile">
      {/* A local (or demo) conversation has nobody to verify against: its customer stays masked. */}
      <Alert type="info" showIcon className="identity-alert" data-testid="customer-local-masked" title={t('identity.localOnly')} />
      <CustomerSummary
        name={p.name}
        city={p.city}
        segmentLabel={t(`segments.${p.segment}`, { defaultValue: p.segment })}
        goldSegment={p.segment === 'premium'}
        phone={p.phoneMasked || '—'}
        idNumber={p.idNumberMasked || '—'}
      />

      <div className="group-title">
        <CarOutlined /> {t('customer.vehicles')}
      </div>
      {p.vehicles.length === 0 ? (
        <div className="muted small">{t('customer.noVehicles')}</div>
      ) : (
        p.vehicles.map((v) => (
          <VehicleCard key={v.id} plate={v.plateMasked} model={v.model}>
            {t('common.labelValue', { label: t('customer.firstRegistered'), value: formatCalendarDate(v.firstRegisteredOn) })}
          </VehicleCard>
        ))
      )}

      <div className="group-title">
        <SafetyCertificateOutlined /> {t('customer.policies')}
      </div>
      {p.policies.length === 0 ? (
        <div className="muted small">{t('customer.noPolicies')}</div>
      ) : (
        p.policies.map((pol) => (
          <div key={pol.id} className="info-card" data-testid="customer-policy">
            <PolicyCardHead kind={pol.kind} status={pol.status} policyNo={pol.policyNoMasked} />
            <div className="muted small">
              {t('common.labelValue', { label: t('customer.period'), value: `${formatCalendarDate(pol.startsOn)} – ${formatCalendarDate(pol.expiresOn)}` })}
            </div>
            <div className="coverage-tags">
              {pol.coverages.map((c) => (
                <Tag key={c} className="mini-tag">
                  {c}
                </Tag>
              ))}
            </div>
          </div>
        ))
      )}
    </div>
  );
}

/**
 * 客户: the open conversation's customer. A conversation routed by head
 * office shows head office's record with the identity check (身份核实);
 * a local one shows the cache's record, masked by the host.
 */
export function CustomerPanel() {
  const conversation = useActiveConversation();
  if (conversation && conversation.group !== null && conversation.customerId) {
    return (
      <div className="side-panel" data-testid="customer-panel">
        <HeadOfficeCustomer conversationId={conversation.id} />
      </div>
    );
  }
  return <LocalCustomerPanel />;
}

function LocalCustomerPanel() {
  const { t } = useTranslation();
  const conversation = useActiveConversation();
  const customerId = conversation?.customerId ?? null;
  const profile = useCustomers((s) => (customerId ? s.profiles[customerId] : undefined));
  const loading = useCustomers((s) => (customerId ? s.loading[customerId] : false));
  const failed = useCustomers((s) => (customerId ? s.failed[customerId] : false));
  const load = useCustomers((s) => s.load);

  useEffect(() => {
    if (customerId) void load(customerId);
  }, [customerId, load]);

  let content;
  if (!conversation) content = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.noConversation')} />;
  else if (!customerId)
    content = (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.none')} data-testid="customer-none">
        <span className="muted small">{t('customer.noneHint')}</span>
      </Empty>
    );
  else if (profile) content = <Profile profile={profile} />;
  else if (failed)
    content = (
      <Result status="warning" title={t('customer.loadFailed')} extra={<Button onClick={() => void load(customerId, true)}>{t('common.retry')}</Button>} />
    );
  else content = <div className="column-center">{loading !== false && <Spin />}</div>;

  return (
    <div className="side-panel" data-testid="customer-panel">
      {content}
    </div>
  );
}
