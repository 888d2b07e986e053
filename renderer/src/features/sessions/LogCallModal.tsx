import { MAX_TEXT_LENGTH } from '../../../../shared/contract/schemas';
import { Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { feedbackApi, reportError } from '../../app/feedback';
import { useActiveConversation, useSessions } from './sessions-store';

const OUTCOMES = ['answered', 'callback', 'transferred', 'no_answer'] as const;

interface Values {
  callerName: string;
  minutes: number;
  outcome: (typeof OUTCOMES)[number];
  notes: string;
  linkCustomer: boolean;
}

/** 来电登记: a phone call becomes a conversation with the agent's notes. */
export function LogCallModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const active = useActiveConversation();
  const linkable = active?.customerId ? active : undefined;

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ outcome: 'answered', minutes: 1, linkCustomer: false, callerName: '', notes: '' });
    }
  }, [open, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const conv = await unwrap(
        desk().conversations.logPhoneCall({
          customerId: v.linkCustomer && linkable ? linkable.customerId : null,
          callerName: v.callerName.trim(),
          notes: v.notes.trim(),
          durationSeconds: Math.round((v.minutes ?? 0) * 60),
          outcome: v.outcome,
        }),
      );
      await useSessions.getState().load();
      useSessions.getState().open(conv.id);
      feedbackApi().message.success(t('phone.logged'));
      onClose();
    } catch (err) {
      reportError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('phone.title')}
      okText={t('phone.submit')}
      cancelText={t('phone.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      forceRender
      width={520}
    >
      <div data-testid="log-call-form">
        <Form form={form} layout="vertical" requiredMark="optional">
          <div className="form-row">
            <Form.Item name="callerName" label={t('phone.callerName')} rules={[{ required: true, whitespace: true, message: t('phone.callerNameRequired') }, { max: 40 }]}>
              <Input maxLength={40} data-testid="log-call-name" />
            </Form.Item>
            <Form.Item name="outcome" label={t('phone.outcome')} rules={[{ required: true }]}>
              <Select options={OUTCOMES.map((o) => ({ value: o, label: t(`phone.outcomes.${o}`) }))} />
            </Form.Item>
          </div>
          <Form.Item name="minutes" label={t('phone.duration')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1440} step={1} suffix={t('phone.minutes')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="notes" label={t('phone.notes')} rules={[{ required: true, whitespace: true, message: t('phone.notesRequired') }, { max: MAX_TEXT_LENGTH }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={MAX_TEXT_LENGTH} data-testid="log-call-notes" />
          </Form.Item>
          {linkable && (
            <Form.Item name="linkCustomer" valuePropName="checked">
              <Checkbox>{t('phone.linkCustomer', { name: linkable.customerName })}</Checkbox>
            </Form.Item>
          )}
        </Form>
      </div>
    </Modal>
  );
}
