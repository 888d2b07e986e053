import { BulbOutlined } from '@ant-design/icons';
import { Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrossSellList } from '../../../../shared/head-office/renewals';
import { errorPayload, unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { formatNumber } from '../../i18n/format';
import { useSync } from '../head-office/sync-store';
import './renewals.css';

type Suggestion = CrossSellList['suggestions'][number];

/** "奔驰 S450L（沪A·***88）" for each vehicle a suggestion is about. */
function vehiclesOf(s: Suggestion, separator: string): string {
  const models = s.facts.models ?? [];
  const plates = s.facts.plates ?? [];
  return models.map((m, i) => (plates[i] ? `${m}（${plates[i]}）` : m)).join(separator);
}

/**
 * 二次销售建议: what head office's rules suggest for this customer, each
 * with its reason, for the agent to bring up naturally in the conversation.
 */
export function CrossSellHints({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const [list, setList] = useState<CrossSellList | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // The rules run on head office's record; a desk without head office has no suggestions to show.
  const headOffice = useSync((s) => s.status?.headOffice ?? false);

  useEffect(() => {
    if (!headOffice) return;
    let live = true;
    setList(null);
    setFailed(null);
    unwrap(desk().renewals.crossSell({ customerId }))
      .then((l) => live && setList(l))
      .catch((err: unknown) => live && setFailed(errorPayload(err).code));
    return () => {
      live = false;
    };
  }, [customerId, headOffice]);

  if (!headOffice) return null;
  return (
    <section className="cross-sell-hints" data-testid="cross-sell-hints" data-state={failed ? 'error' : list ? 'ready' : 'loading'}>
      <div className="group-title">
        <BulbOutlined /> {t('renewals.crossSell.title')}
      </div>
      {!list && !failed && <Spin size="small" />}
      {failed && <div className="muted small">{t('renewals.crossSell.failed')}</div>}
      {list && list.suggestions.length === 0 && <div className="muted small">{t('renewals.crossSell.empty')}</div>}
      {list?.suggestions.map((s) => (
        <div key={s.code} className="cross-sell-hint" data-testid="cross-sell-hint" data-code={s.code}>
          <div className="small">
            <strong>{t(`renewals.crossSell.labels.${s.code}`)}</strong>
          </div>
          <div className="muted small">
            {t(`renewals.crossSell.reasons.${s.code}`, {
              vehicles: vehiclesOf(s, t('renewals.crossSell.separator')),
              price: formatNumber(s.facts.priceYuan ?? 0),
              years: s.facts.years ?? 0,
              claims: s.facts.claims ?? 0,
            })}
          </div>
        </div>
      ))}
    </section>
  );
}
