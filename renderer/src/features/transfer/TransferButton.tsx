import { SwapOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary } from '../../../../shared/contract/schemas';
import { TransferModal } from './TransferModal';

/** 转接 in the conversation header; only conversations head office routed can move. */
export function TransferButton({ conversation }: { conversation: ConversationSummary }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (conversation.group === null) return null;
  return (
    <>
      <Button size="small" icon={<SwapOutlined />} onClick={() => setOpen(true)} aria-label={t('conversation.transfer')} title={t('conversation.transfer')} data-testid="conversation-transfer">
        <span className="wide-only roomy-only">{t('conversation.transfer')}</span>
      </Button>
      <TransferModal conversation={conversation} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
