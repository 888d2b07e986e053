import { UserAddOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary } from '../../../../shared/contract/schemas';
import { LinkCustomerModal } from './LinkCustomerModal';

/** 关联客户, for a conversation whose customer is not yet linked to a record (潜在客户). */
export function LinkCustomerButton({ conversation }: { conversation: ConversationSummary }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!conversation.lead) return null;
  return (
    <>
      <Button
        size="small"
        icon={<UserAddOutlined />}
        onClick={() => setOpen(true)}
        aria-label={t('conversation.linkCustomer')}
        title={t('conversation.linkCustomer')}
        data-testid="conversation-link-customer"
      >
        <span className="wide-only roomy-only">{t('conversation.linkCustomer')}</span>
      </Button>
      <LinkCustomerModal conversation={conversation} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
