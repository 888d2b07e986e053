import { Form, Input, Modal, Radio } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../../../shared/contract/schemas';
import { COMPLAINT_LEVELS, type ComplaintLevel } from '../../../../shared/domain/ticket-sla';
import { useAgent } from '../../app/agent-store';
import { useTickets } from './tickets-store';

/** Grade a complaint again, with the reason: anyone raises it, a lead may lower it. */
export function LevelModal({ detail, open, onClose }: { detail: TicketDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const isLead = useAgent((s) => s.agent?.role === 'lead');
  const busy = useTickets((s) => s.busy);
  const [form] = Form.useForm<{ level: ComplaintLevel; reason: string }>();
  const current = detail.complaintLevel ?? 1;
  useEffect(() => {
    if (open) form.setFieldsValue({ level: Math.min(3, current + 1) as ComplaintLevel, reason: '' });
  }, [open, current, form]);
  const submit = async () => {
    const v = await form.validateFields();
    if (await useTickets.getState().setLevel(v.level, v.reason.trim())) onClose();
  };
  return (
    <Modal
      open={open}
      title={t('ticketSla.escalateTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('ticketSla.changeLevel')}
      cancelText={t('tickets.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'level-submit' } as Record<`data-${string}`, string>}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="level-form">
        <Form.Item name="level" label={t('ticketSla.newLevel')} rules={[{ required: true }]}>
          <Radio.Group data-testid="level-choice">
            {COMPLAINT_LEVELS.map((l) => (
              // Lowering a level is a lead's decision.
              <Radio key={l} value={l} disabled={l === current || (!isLead && l < current)} data-testid={`level-option-${l}`}>
                {t(`ticketSla.levelName.${l}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item shouldUpdate noStyle>
          {() => <div className="muted small field-hint">{t(`ticketSla.levelHint.${form.getFieldValue('level') ?? 1}`)}</div>}
        </Form.Item>
        <Form.Item name="reason" label={t('ticketSla.reason')} rules={[{ required: true, whitespace: true, message: t('ticketSla.reasonRequired') }, { max: 500 }]}>
          <Input.TextArea data-testid="level-reason" autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
