import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentProfile } from '../../../shared/contract/schemas';
import { DeskCallError, errorPayload, unwrap } from './call';
import { desk } from './desk-client';
import { EntryCard, EntryError } from './EntryCard';
import { reportError } from './feedback';

interface Values {
  code: string;
  displayName: string;
}

/** First start on this workstation: who is the agent at this desk. */
export function RegisterAgent({ onRegistered }: { onRegistered(agent: AgentProfile): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReturnType<typeof errorPayload> | null>(null);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      onRegistered(await unwrap(desk().agent.register({ code: values.code.trim(), displayName: values.displayName.trim() })));
    } catch (err) {
      if (err instanceof DeskCallError) setError(err.payload);
      reportError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <EntryCard testId="register-form" title={t('agent.registerTitle')} hint={t('agent.registerHint')}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item
          name="code"
          label={t('agent.code')}
          extra={t('agent.codeHint')}
          rules={[
            { required: true, message: t('agent.codeRequired') },
            { pattern: /^[A-Za-z0-9_-]{2,32}$/, message: t('agent.codeInvalid') },
          ]}
        >
          <Input data-testid="register-code" autoFocus maxLength={32} />
        </Form.Item>
        <Form.Item name="displayName" label={t('agent.displayName')} rules={[{ required: true, whitespace: true, message: t('agent.displayNameRequired') }, { max: 40 }]}>
          <Input data-testid="register-name" maxLength={40} />
        </Form.Item>
        <EntryError error={error} />
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="register-submit">
          {t('agent.register')}
        </Button>
      </Form>
    </EntryCard>
  );
}
