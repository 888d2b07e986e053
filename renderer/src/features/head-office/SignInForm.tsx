import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/contract/schemas';
import { DeskCallError, errorPayload, unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { EntryError } from '../../app/EntryCard';

interface Values {
  login: string;
  password: string;
}

/** Sign in to head office: the agent at this desk becomes that account. */
export function SignInForm({ login, onSignedIn }: { login?: string; onSignedIn(status: SyncStatus): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReturnType<typeof errorPayload> | null>(null);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const status = await unwrap(desk().sync.signIn({ login: values.login.trim(), password: values.password }));
      form.resetFields(['password']);
      onSignedIn(status);
    } catch (err) {
      setError(err instanceof DeskCallError ? err.payload : errorPayload(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} initialValues={{ login: login ?? '' }} data-testid="sign-in-form">
      <Form.Item
        name="login"
        label={t('headOffice.login')}
        rules={[
          { required: true, message: t('headOffice.loginRequired') },
          { pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: t('agent.codeInvalid') },
        ]}
      >
        <Input data-testid="sign-in-login" autoFocus={!login} maxLength={32} autoComplete="username" disabled={login !== undefined} />
      </Form.Item>
      <Form.Item name="password" label={t('headOffice.password')} rules={[{ required: true, message: t('headOffice.passwordRequired') }]}>
        <Input.Password data-testid="sign-in-password" autoFocus={login !== undefined} maxLength={200} autoComplete="current-password" />
      </Form.Item>
      <EntryError error={error} testId="sign-in-error" />
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-submit">
        {t('headOffice.signIn')}
      </Button>
    </Form>
  );
}
