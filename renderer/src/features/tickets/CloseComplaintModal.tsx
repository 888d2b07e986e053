import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SATISFACTION_RATINGS, type SatisfactionRating } from '../../../../shared/domain/ticket-sla';
import { useTickets } from './tickets-store';

/** Closing a solved complaint: the customer's satisfaction from the call back (回访) first. */
export function CloseComplaintModal({ open, note, onClose }: { open: boolean; note: string; onClose: (closed: boolean) => void }) {
  const { t } = useTranslation();
  const busy = useTickets((s) => s.busy);
  const [form] = Form.useForm<{ rating: SatisfactionRating; note: string }>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const submit = async () => {
    const v = await form.validateFields();
    onClose(await useTickets.getState().transition('closed', note, { rating: v.rating, note: v.note ?? '' }));
  };
  return (
    <Modal
      open={open}
      title={t('ticketSla.closeTitle')}
      onCancel={() => onClose(false)}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('ticketSla.closeConfirm')}
      cancelText={t('tickets.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'close-complaint-submit' } as Record<`data-${string}`, string>}
      destroyOnHidden
    >
      <div data-testid="close-complaint-form">
        <Alert type="info" showIcon title={t('ticketSla.closeHint')} className="field-hint" />
        <Form form={form} layout="vertical">
          <Form.Item name="rating" label={t('ticketSla.satisfaction')} rules={[{ required: true, message: t('ticketSla.satisfactionRequired') }]}>
            <Radio.Group data-testid="satisfaction-choice">
              {SATISFACTION_RATINGS.map((r) => (
                <Radio.Button key={r} value={r} data-testid={`satisfaction-${r}`}>
                  {t(`ticketSla.rating.${r}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="note" label={t('ticketSla.satisfactionNote')} rules={[{ max: 1000 }]}>
            <Input.TextArea data-testid="satisfaction-note" placeholder={t('ticketSla.satisfactionNotePlaceholder')} autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
