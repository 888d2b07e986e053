import { HistoryOutlined } from '@ant-design/icons';
import { Empty, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationCustomer, RevealedCustomer } from '../../../../shared/contract/customer-schemas';
import { formatStamp } from '../../i18n/format';
import { ClaimsSection } from '../claims/ClaimsSection';
import { CrossSellHints } from '../renewals/CrossSellHints';

/** What a section of the head-office customer panel is given. */
export interface CustomerSectionContext {
  conversationId: string;
  customerId: string;
  /** Masked profile as head office returned it. */
  profile: ConversationCustomer;
  /** Whether the customer is verified for this conversation now. */
  verified: boolean;
  /** The clear record while verified (never cached). */
  revealed: RevealedCustomer | null;
}

export interface CustomerSection {
  key: string;
  /** Lower first; the profile, vehicles and policies come before every section. */
  order: number;
  render(ctx: CustomerSectionContext): ReactNode;
}

function HistorySection({ profile }: CustomerSectionContext) {
  const { t } = useTranslation();
  const items = [
    ...profile.contacts.map((c) => ({ key: `c:${c.conversationId}`, at: c.at, what: t(`channels.${c.channel}`, { defaultValue: c.channel }), text: c.subject, current: c.current })),
    ...profile.tickets.map((k) => ({ key: `t:${k.id}`, at: k.at, what: t('identity.ticket', { no: k.number ?? '' }), text: k.title, current: false })),
  ].sort((a, b) => b.at - a.at);
  return (
    <section data-testid="customer-history">
      <div className="group-title">
        <HistoryOutlined /> {t('identity.history')}
      </div>
      {profile.detailsMasked && items.length > 0 && (
        <div className="muted small" data-testid="customer-history-masked">
          {t('identity.historyMasked')}
        </div>
      )}
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('identity.noHistory')} />
      ) : (
        items.map((i) => (
          <div key={i.key} className="info-card" data-testid="customer-history-item">
            <div className="info-card-head">
              <Tag className="mini-tag">{i.what}</Tag>
              {i.current && <Tag color="processing" className="mini-tag">{t('identity.thisConversation')}</Tag>}
              <span className="muted small">{formatStamp(i.at)}</span>
            </div>
            {i.text && <div className="small">{i.text}</div>}
          </div>
        ))
      )}
    </section>
  );
}

/**
 * The sections below a head-office customer's policies, in order. Other
 * workflows add theirs here (one entry each): the claims workflow may
 * replace `claims` with its own list, the renewals workflow adds its
 * cross-sell hints (e.g. order 15).
 */
export const CUSTOMER_SECTIONS: CustomerSection[] = [
  // The claims workflow's own list: stages, materials, warning signs, and the 报案 wizard.
  { key: 'claims', order: 10, render: (ctx) => <ClaimsSection {...ctx} /> },
  // 二次销售: suggestions from head office's rules on the customer's record, with their reasons.
  { key: 'crossSell', order: 15, render: (ctx) => <CrossSellHints customerId={ctx.customerId} /> },
  { key: 'history', order: 90, render: (ctx) => <HistorySection {...ctx} /> },
];
