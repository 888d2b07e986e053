import { CarOutlined, LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Descriptions, Result, Spin, Tag, Tooltip } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationCustomer, RevealedCustomer } from '../../../../shared/contract/customer-schemas';
import { COVERAGES, type CoverageItem } from '../../../../shared/domain/coverages';
import { useClock } from '../../app/clock-store';
import { formatCalendarDate, formatNumber } from '../../i18n/format';
import { CUSTOMER_SECTIONS } from './customer-sections';
import { IdentityCheckSection } from './IdentityCheckSection';
import { useIdentityCheck } from './identity-check-store';
import './identity-check.css';

const POLICY_STATUS_COLOR = { active: 'success', expired: 'default', cancelled: 'error' } as const;

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
            <div className="info-card-head">
              <Tag color={pol.kind === 'compulsory' ? 'cyan' : 'blue'} className="mini-tag">
                {t(`policyKinds.${pol.kind}`)}
              </Tag>
              <Tag color={POLICY_STATUS_COLOR[pol.status]} className="mini-tag">
                {t(`policyStatus.${pol.status}`)}
              </Tag>
              <span className="mono small policy-no" data-testid="customer-policy-no" title={clear?.policyNo ?? pol.policyNoMasked}>
                {clear?.policyNo ?? pol.policyNoMasked}
              </span>
            </div>
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
      <div className="customer-head">
        <UserOutlined className="customer-avatar" />
        <div>
          <div className="customer-name" data-testid="customer-name">
            {clear?.name ?? profile.name}
          </div>
          <div className="muted small">
            {profile.city ?? '—'} · {t(`identity.segments.${profile.segment}`)}
          </div>
        </div>
        {profile.segment === 'high_value' && (
          <Tag color="gold" className="customer-segment">
            {t('identity.segments.high_value')}
          </Tag>
        )}
      </div>
      <Descriptions size="small" column={1} bordered className="customer-ids">
        <Descriptions.Item label={t('customer.phone')}>
          <span className="mono" data-testid="customer-phone">
            {clear?.phone ?? (profile.phoneMasked || '—')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('customer.idNumber')}>
          <span className="mono" data-testid="customer-id-number">
            {clear?.idNumber ?? (profile.idNumberMasked || '—')}
          </span>
        </Descriptions.Item>
      </Descriptions>

      <IdentityCheckSection conversationId={conversationId} status={status} />

      <div className="group-title">
        <CarOutlined /> {t('customer.vehicles')}
      </div>
      {profile.vehicles.length === 0 ? (
        <div className="muted small">{t('customer.noVehicles')}</div>
      ) : (
        profile.vehicles.map((v) => (
          <div key={v.id} className="info-card" data-testid="customer-vehicle">
            <div className="info-card-head">
              <span className="mono strong" data-testid="customer-plate">
                {clear?.vehicles.find((c) => c.id === v.id)?.plate ?? v.plateMasked}
              </span>
              <span className="muted">{v.model}</span>
            </div>
            <div className="muted small">
              {v.firstRegisteredOn && t('common.labelValue', { label: t('customer.firstRegistered'), value: formatCalendarDate(v.firstRegisteredOn) })}
              {v.ageYears !== null && ` · ${t('identity.age', { count: v.ageYears })}`}
            </div>
          </div>
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
