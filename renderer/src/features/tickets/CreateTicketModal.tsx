import { MAX_TEXT_LENGTH } from '../../../../shared/contract/schemas';
import { Alert, AutoComplete, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../../shared/contract/schemas';
import type { FieldOffice } from '../../../../shared/contract/onsite-schemas';
import { TICKET_PRIORITIES, TICKET_TYPES } from '../../../../shared/domain/ticket-status';
import { unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { zhCN } from '../../i18n/zh-CN';
import { useThreads } from '../conversation/threads-store';
import { conversationSubject } from '../sessions/subject';
import { StatusTag } from './TicketLabels';
import { byUrgency, isOpenTicket, OPEN_STATUSES } from './ticket-queue';
import { suggestTicketType } from './ticket-type';
import { useTickets, type NewTicketForm } from './tickets-store';
import { COMPLAINT_LEVELS } from '../../../../shared/domain/ticket-sla';

const CATEGORY_KEYS = Object.keys(zhCN.ticketCategories) as (keyof typeof zhCN.ticketCategories)[];

/** 新建工单 from the open conversation; the ticket links to it. */
export function CreateTicketModal() {
  const { t } = useTranslation();
  const conversation = useTickets((s) => s.createFor);
  const busy = useTickets((s) => s.busy);
  const { create, cancelCreate } = useTickets.getState();
  const [form] = Form.useForm<NewTicketForm>();
  const [openTickets, setOpenTickets] = useState<Ticket[]>([]);
  // null: head office could not be asked (a desk without one, or offline). With no office to choose, the request stays in this office as before.
  const [fieldOffices, setFieldOffices] = useState<FieldOffice[] | null>([]);

  // The offices an on-site support request may go to, read at head office when the dialog opens.
  useEffect(() => {
    if (!conversation) return;
    let current = true;
    unwrap(desk().tickets.fieldOffices({}))
      .then((list) => {
        if (current) setFieldOffices(list);
      })
      // Without head office there is nothing to choose; the field says so.
      .catch(() => {
        if (current) setFieldOffices(null);
      });
    return () => {
      current = false;
    };
  }, [conversation]);

  useEffect(() => {
    if (conversation) {
      // The type follows what the conversation is about; the agent can change it.
      const said = (useThreads.getState().threads[conversation.id]?.messages ?? []).filter((m) => m.direction === 'in').map((m) => m.body);
      form.resetFields();
      form.setFieldsValue({ type: suggestTicketType(conversation.subject, said), priority: 'normal', category: '', title: conversation.subject, description: '' });
    }
  }, [conversation, form]);

  // Tickets this customer already has open, so the agent does not open the same one twice.
  // A text search by name would also match namesakes: read the open tickets and match by id.
  useEffect(() => {
    setOpenTickets([]);
    const customerId = conversation?.customerId;
    if (!customerId) return;
    let current = true;
    unwrap(desk().tickets.list({ statuses: OPEN_STATUSES, limit: 500, offset: 0 }))
      .then((list) => {
        if (current) setOpenTickets(list.items.filter((x) => x.customerId === customerId && isOpenTicket(x)).sort(byUrgency));
      })
      // Only a hint: the form works without it.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [conversation]);

  const submit = async () => {
    const values = await form.validateFields();
    const { complaintLevel, fieldOfficeId, ...rest } = values;
    // Only a complaint has a level; only an on-site support request goes to a field office.
    await create({
      ...rest,
      description: values.description ?? '',
      ...(values.type === 'complaint' && complaintLevel ? { complaintLevel } : {}),
      ...(values.type === 'onsite_support' && fieldOfficeId ? { fieldOfficeId } : {}),
    });
  };

  return (
    <Modal
      open={conversation !== null}
      title={t('tickets.createTitle')}
      okText={t('tickets.submit')}
      cancelText={t('tickets.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={cancelCreate}
      confirmLoading={busy}
      okButtonProps={{ htmlType: 'submit' }}
      width={560}
      forceRender
      destroyOnHidden={false}
    >
      <div data-testid="create-ticket-form">
        {conversation && <p className="muted create-ticket-for">{t('tickets.createFor', { name: conversation.customerName, subject: conversationSubject(t, conversation) || t('conversation.noSubject') })}</p>}
        {openTickets.length > 0 && (
          <Alert
            type="warning"
            showIcon
            className="existing-tickets"
            data-testid="existing-open-tickets"
            title={t('tickets.existingOpen')}
            description={
              <ul className="existing-ticket-list">
                {openTickets.map((x) => (
                  <li key={x.id} data-testid="existing-open-ticket" data-ticket-id={x.id}>
                    <span className="existing-ticket-text">{t('tickets.existingOpenItem', { no: x.ticketNo, title: x.title })}</span>
                    <StatusTag status={x.status} />
                  </li>
                ))}
              </ul>
            }
          />
        )}
        <Form form={form} layout="vertical" requiredMark="optional" onFinish={() => void submit()}>
          <div className="form-row">
            <Form.Item name="type" label={t('tickets.type')} rules={[{ required: true }]}>
              <Select data-testid="ticket-form-type" options={TICKET_TYPES.map((v) => ({ value: v, label: t(`ticketType.${v}`) }))} />
            </Form.Item>
            <Form.Item name="priority" label={t('tickets.priority')} rules={[{ required: true }]}>
              <Select data-testid="ticket-form-priority" options={TICKET_PRIORITIES.map((v) => ({ value: v, label: t(`ticketPriority.${v}`) }))} />
            </Form.Item>
          </div>
          <Form.Item noStyle shouldUpdate={(prev, next) => prev.type !== next.type || prev.complaintLevel !== next.complaintLevel}>
            {({ getFieldValue }) =>
              getFieldValue('type') === 'complaint' ? (
                <Form.Item
                  name="complaintLevel"
                  label={t('ticketSla.level')}
                  rules={[{ required: true, message: t('ticketSla.levelRequired') }]}
                  extra={getFieldValue('complaintLevel') ? t(`ticketSla.levelHint.${getFieldValue('complaintLevel')}`) : undefined}
                >
                  <Select
                    data-testid="ticket-form-level"
                    placeholder={t('ticketSla.levelRequired')}
                    options={COMPLAINT_LEVELS.map((l) => ({ value: l, label: t(`ticketSla.levelName.${l}`) }))}
                  />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(prev, next) => prev.type !== next.type}>
            {({ getFieldValue }) =>
              getFieldValue('type') === 'onsite_support' ? (
                <Form.Item
                  name="fieldOfficeId"
                  label={t('onsiteSupport.fieldOffice')}
                  rules={[{ required: (fieldOffices?.length ?? 0) > 0, message: t('onsiteSupport.fieldOfficeRequired') }]}
                  extra={fieldOffices?.length ? t('onsiteSupport.fieldOfficeHint') : t('onsiteSupport.noFieldOffices')}
                >
                  <Select
                    data-testid="ticket-form-field-office"
                    placeholder={t('onsiteSupport.fieldOfficeRequired')}
                    notFoundContent={t('onsiteSupport.noFieldOffices')}
                    options={(fieldOffices ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.code}）` }))}
                  />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item name="category" label={t('tickets.category')} rules={[{ required: true, whitespace: true, message: t('tickets.categoryRequired') }, { max: 40 }]}>
            <AutoComplete
              data-testid="ticket-form-category"
              options={CATEGORY_KEYS.map((k) => ({ value: t(`ticketCategories.${k}`) }))}
              filterOption={(input, option) => String(option?.value ?? '').toLowerCase().includes(input.toLowerCase())}
            />
          </Form.Item>
          <Form.Item name="title" label={t('tickets.titleField')} rules={[{ required: true, whitespace: true, message: t('tickets.titleRequired') }, { max: 120 }]}>
            <Input data-testid="ticket-form-title" maxLength={120} />
          </Form.Item>
          <Form.Item name="description" label={t('tickets.description')} rules={[{ max: MAX_TEXT_LENGTH }]}>
            <Input.TextArea data-testid="ticket-form-description" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={MAX_TEXT_LENGTH} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
