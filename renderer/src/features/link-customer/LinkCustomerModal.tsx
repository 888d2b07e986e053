import { Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary } from '../../../../shared/contract/schemas';
import { unwrap } from '../../app/call';
import { useModalSubmit } from '../../app/use-modal-submit';
import { desk } from '../../app/desk-client';
import { EntryError } from '../../app/EntryCard';
import { feedbackApi } from '../../app/feedback';
import { useSessions } from '../sessions/sessions-store';
import { isMobileNumber, normalizePhone } from './phone';

/** 关联客户: link this lead's conversation to a customer record by mobile number; the identity check then runs in the customer panel. */
export function LinkCustomerModal({ conversation, open, onClose }: { conversation: ConversationSummary; open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ phone: string }>();
  const { busy, error, setError, submit } = useModalSubmit(
    () => form.validateFields(),
    async ({ phone }) => {
      const linked = await unwrap(desk().conversations.linkCustomer({ conversationId: conversation.id, phone: normalizePhone(phone) }));
      useSessions.getState().replace(linked);
      feedbackApi().message.success(t('linkCustomer.done', { name: linked.customerName }));
      onClose();
    },
  );

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
  }, [open, form, setError]);

  return (
    <Modal
      open={open}
      title={t('linkCustomer.title')}
      okText={t('linkCustomer.submit')}
      cancelText={t('linkCustomer.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'link-customer-submit' }}
      modalRender={(node) => <div data-testid="link-customer-modal">{node}</div>}
      width={420}
      forceRender
    >
      <p className="muted">{t('linkCustomer.hint')}</p>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item
          name="phone"
          label={t('linkCustomer.phone')}
          rules={[
            { required: true, whitespace: true, message: t('linkCustomer.phoneRequired') },
            { validator: (_, v: string | undefined) => (!v || v.trim() === '' || isMobileNumber(v) ? Promise.resolve() : Promise.reject(new Error(t('linkCustomer.phoneInvalid')))) },
          ]}
        >
          <Input inputMode="numeric" maxLength={20} autoComplete="off" data-testid="link-customer-phone" onChange={() => setError(null)} />
        </Form.Item>
      </Form>
      <EntryError error={error} testId="link-customer-error" text={error?.code === 'NOT_FOUND' ? t('linkCustomer.notFound') : undefined} />
    </Modal>
  );
}
