import { CarOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Empty, Result, Spin, Tag } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerProfile } from '../../../../shared/contract/schemas';
import { formatCalendarDate } from '../../i18n/format';
import { useActiveConversation } from '../sessions/sessions-store';
import { useCustomers } from './customer-store';
import { HeadOfficeCustomer } from './HeadOfficeCustomer';

const POLICY_STATUS_COLOR = { active: 'success', expired: 'default', cancelled: 'error' } as const;

function Profile({ profile: p }: { profile: CustomerProfile }) {
  const { t } = useTranslation();
  return (
    <div className="panel-scroll customer-profile" data-testid="customer-profile">
      {/* A local (or demo) conversation has nobody to verify against: its customer stays masked. */}
      <Alert type="info" showIcon className="identity-alert" data-testid="customer-local-masked" title={t('identity.localOnly')} />
      <div className="customer-head">
        <UserOutlined className="customer-avatar" />
        <div>
          <div className="customer-name" data-testid="customer-name">
            {p.name}
          </div>
          <div className="muted small">
            {p.city} · {t(`segments.${p.segment}`, { defaultValue: p.segment })}
          </div>
        </div>
        {p.segment === 'premium' && (
          <Tag color="gold" className="customer-segment">
            {t('segments.premium')}
          </Tag>
        )}
      </div>
      <Descriptions size="small" column={1} bordered className="customer-ids">
        <Descriptions.Item label={t('customer.phone')}>
          <span className="mono" data-testid="customer-phone">
            {p.phoneMasked || '—'}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('customer.idNumber')}>
          <span className="mono" data-testid="customer-id-number">
            {p.idNumberMasked || '—'}
          </span>
        </Descriptions.Item>
      </Descriptions>

      <div className="group-title">
        <CarOutlined /> {t('customer.vehicles')}
      </div>
      {p.vehicles.length === 0 ? (
        <div className="muted small">{t('customer.noVehicles')}</div>
      ) : (
        p.vehicles.map((v) => (
          <div key={v.id} className="info-card" data-testid="customer-vehicle">
            <div className="info-card-head">
              <span className="mono strong">{v.plateMasked}</span>
              <span className="muted">{v.model}</span>
            </div>
            <div className="muted small">
              {t('common.labelValue', { label: t('customer.firstRegistered'), value: formatCalendarDate(v.firstRegisteredOn) })}
            </div>
          </div>
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
            <div className="info-card-head">
              <Tag color={pol.kind === 'compulsory' ? 'cyan' : 'blue'} className="mini-tag">
                {t(`policyKinds.${pol.kind}`)}
              </Tag>
              <Tag color={POLICY_STATUS_COLOR[pol.status]} className="mini-tag">
                {t(`policyStatus.${pol.status}`)}
              </Tag>
              <span className="mono small policy-no" data-testid="customer-policy-no" title={pol.policyNoMasked}>
                {pol.policyNoMasked}
              </span>
            </div>
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
