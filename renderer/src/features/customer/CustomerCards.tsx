import { UserOutlined } from '@ant-design/icons';
import { Descriptions, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const POLICY_STATUS_COLOR = { active: 'success', expired: 'default', cancelled: 'error' } as const;

/**
 * Who the customer is, as both customer panels show it (the local cache's
 * record and head office's): name, city and segment, mobile and ID number.
 * The caller decides what is masked; this only lays it out.
 */
export function CustomerSummary(props: { name: string; city: string; segmentLabel: string; goldSegment: boolean; phone: string; idNumber: string }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="customer-head">
        <UserOutlined className="customer-avatar" />
        <div>
          <div className="customer-name" data-testid="customer-name">
            {props.name}
          </div>
          <div className="muted small">
            {props.city} · {props.segmentLabel}
          </div>
        </div>
        {props.goldSegment && (
          <Tag color="gold" className="customer-segment">
            {props.segmentLabel}
          </Tag>
        )}
      </div>
      <Descriptions size="small" column={1} bordered className="customer-ids">
        <Descriptions.Item label={t('customer.phone')}>
          <span className="mono" data-testid="customer-phone">
            {props.phone}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('customer.idNumber')}>
          <span className="mono" data-testid="customer-id-number">
            {props.idNumber}
          </span>
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}

/** One vehicle of the customer: plate and model, then what the caller knows of it. */
export function VehicleCard({ plate, model, children }: { plate: string; model: string; children: ReactNode }) {
  return (
    <div className="info-card" data-testid="customer-vehicle">
      <div className="info-card-head">
        <span className="mono strong" data-testid="customer-plate">
          {plate}
        </span>
        <span className="muted">{model}</span>
      </div>
      <div className="muted small">{children}</div>
    </div>
  );
}

/** The head of a policy card: 交强险/商业险, its status and its number. */
export function PolicyCardHead({ kind, status, policyNo }: { kind: 'compulsory' | 'commercial'; status: keyof typeof POLICY_STATUS_COLOR; policyNo: string }) {
  const { t } = useTranslation();
  return (
    <div className="info-card-head">
      <Tag color={kind === 'compulsory' ? 'cyan' : 'blue'} className="mini-tag">
        {t(`policyKinds.${kind}`)}
      </Tag>
      <Tag color={POLICY_STATUS_COLOR[status]} className="mini-tag">
        {t(`policyStatus.${status}`)}
      </Tag>
      <span className="mono small policy-no" data-testid="customer-policy-no" title={policyNo}>
        {policyNo}
      </span>
    </div>
  );
}
