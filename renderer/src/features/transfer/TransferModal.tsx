import { Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentPresence, ConversationSummary } from '../../../../shared/contract/schemas';
import { SKILL_GROUPS, type SkillGroup } from '../../../../shared/domain/routing';
import { useAgent } from '../../app/agent-store';
import { errorPayload, unwrap } from '../../app/call';
import { useModalSubmit } from '../../app/use-modal-submit';
import { desk } from '../../app/desk-client';
import { EntryError } from '../../app/EntryCard';
import { feedbackApi } from '../../app/feedback';
import { cancelDraftSave } from '../conversation/composer-store';
import { agentOptions } from '../routing/agent-options';
import { AgentOptionLabel } from '../routing/AgentOptionLabel';
import { useSessions } from '../sessions/sessions-store';

const NOTE_MAX = 500;
type Mode = 'agent' | 'group';

interface Values {
  mode: Mode;
  toAccountId?: string;
  toGroup?: SkillGroup;
  note: string;
}

type Targets = { status: 'loading' } | { status: 'ready'; agents: AgentPresence[] } | { status: 'error'; error: ReturnType<typeof errorPayload> };

/** 转接: hand the conversation to a colleague or back to a skill group's queue, with a note for whoever takes it. */
export function TransferModal({ conversation, open, onClose }: { conversation: ConversationSummary; open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form) ?? 'agent';
  const selfId = useAgent((s) => s.agent?.id ?? null);
  const [targets, setTargets] = useState<Targets>({ status: 'loading' });
  const { busy, error, setError, submit } = useModalSubmit(
    () => form.validateFields(),
    async (v) => {
      const target = v.mode === 'agent' ? { toAccountId: v.toAccountId! } : { toGroup: v.toGroup! };
      await unwrap(desk().conversations.transfer({ conversationId: conversation.id, ...target, note: v.note.trim() }));
      // The conversation is a colleague's now: no late draft save for it, and on to the next one.
      cancelDraftSave(conversation.id);
      const sessions = useSessions.getState();
      sessions.leave(conversation.id);
      void sessions.load();
      feedbackApi().message.success(t('transfer.done'));
      onClose();
    },
  );

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ mode: 'agent', note: '' });
    setError(null);
    setTargets({ status: 'loading' });
    let current = true;
    unwrap(desk().conversations.transferTargets({})).then(
      (agents) => current && setTargets({ status: 'ready', agents }),
      (err: unknown) => current && setTargets({ status: 'error', error: errorPayload(err) }),
    );
    return () => {
      current = false;
    };
  }, [open, form, setError]);

  const options = useMemo(() => (targets.status === 'ready' ? agentOptions(targets.agents, [selfId]) : []), [targets, selfId]);

  return (
    <Modal
      open={open}
      title={t('transfer.title')}
      okText={t('transfer.submit')}
      cancelText={t('transfer.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'transfer-submit' }}
      cancelButtonProps={{ 'data-testid': 'transfer-cancel' }}
      modalRender={(node) => <div data-testid="transfer-modal">{node}</div>}
      width={520}
      forceRender
    >
      <p className="muted">{t('transfer.intro', { name: conversation.customerName })}</p>
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ mode: 'agent', note: '' }}>
        <Form.Item name="mode" label={t('transfer.mode')}>
          <Radio.Group
            optionType="button"
            data-testid="transfer-mode"
            onChange={() => setError(null)}
            options={[
              { value: 'agent', label: <span data-testid="transfer-mode-agent">{t('transfer.toAgent')}</span> },
              { value: 'group', label: <span data-testid="transfer-mode-group">{t('transfer.toGroup')}</span> },
            ]}
          />
        </Form.Item>
        {mode === 'agent' ? (
          <Form.Item name="toAccountId" label={t('transfer.agent')} rules={[{ required: true, message: t('transfer.agentRequired') }]}>
            <Select<string>
              data-testid="transfer-target"
              data-mode="agent"
              placeholder={t('transfer.agentPlaceholder')}
              loading={targets.status === 'loading'}
              notFoundContent={targets.status === 'ready' ? t('transfer.noColleagues') : null}
              options={options.map((o) => ({ value: o.agent.accountId, disabled: o.unavailable !== null, label: <AgentOptionLabel option={o} /> }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="toGroup" label={t('transfer.group')} rules={[{ required: true, message: t('transfer.groupRequired') }]}>
            <Select<SkillGroup>
              data-testid="transfer-target"
              data-mode="group"
              placeholder={t('transfer.groupPlaceholder')}
              options={SKILL_GROUPS.map((g) => ({ value: g, label: <span data-testid="transfer-group-option" data-group={g}>{t(`groups.full.${g}`)}</span> }))}
            />
          </Form.Item>
        )}
        {targets.status === 'error' && mode === 'agent' && (
          <div className="field-error" data-testid="transfer-targets-error" data-code={targets.error.code}>
            {t('transfer.targetsFailed')} · {t(`errors.${targets.error.code}`)}
          </div>
        )}
        <Form.Item name="note" label={t('transfer.note')} rules={[{ required: true, whitespace: true, message: t('transfer.noteRequired') }, { max: NOTE_MAX }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={NOTE_MAX} showCount placeholder={t('transfer.notePlaceholder')} data-testid="transfer-note" />
        </Form.Item>
      </Form>
      <EntryError error={error} testId="transfer-error" />
    </Modal>
  );
}
