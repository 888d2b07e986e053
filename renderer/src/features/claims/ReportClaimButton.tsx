import { AlertOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationCustomer } from '../../../../shared/contract/customer-schemas';
import type { ConversationSummary } from '../../../../shared/contract/schemas';
import { errorPayload, unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { feedbackApi } from '../../app/feedback';
import { ClaimWizard } from './ClaimWizard';

/**
 * 报案 on a head-office conversation whose customer is linked: reads the
 * customer's policies (masked) from head office, then opens the wizard.
 */
export function ReportClaimButton({ conversation }: { conversation: ConversationSummary }) {
  const { t } = useTranslation();
  const [profile, setProfile] = useState<ConversationCustomer | null>(null);
  const [opening, setOpening] = useState(false);
  if (conversation.group === null || !conversation.customerId || conversation.lead) return null;
  const open = async () => {
    setOpening(true);
    try {
      setProfile(await unwrap(desk().customers.ofConversation({ conversationId: conversation.id })));
    } catch (err) {
      const e = errorPayload(err);
      feedbackApi().message.error(t(`errors.${e.code}`, { defaultValue: e.message }));
    } finally {
      setOpening(false);
    }
  };
  return (
    <>
      <Button
        size="small"
        danger
        icon={<AlertOutlined />}
        loading={opening}
        onClick={() => void open()}
        aria-label={t('claims.report')}
        title={t('claims.report')}
        data-testid="conversation-report-claim"
      >
        <span className="wide-only roomy-only">{t('claims.report')}</span>
      </Button>
      {profile && <ClaimWizard conversationId={conversation.id} profile={profile} onClose={() => setProfile(null)} />}
    </>
  );
}
