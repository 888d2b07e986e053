import { App } from 'antd';
import { useEffect } from 'react';
import type { DeskErrorPayload } from '../../../shared/contract/errors';
import { i18n } from '../i18n';
import { errorPayload } from './call';
import { issueMessages } from './error-issues';

type Feedback = Pick<ReturnType<typeof App.useApp>, 'message' | 'notification' | 'modal'>;

let feedback: Feedback | undefined;

/** Mounted once inside antd's <App> so stores can show themed messages. */
export function FeedbackBridge() {
  const { message, notification, modal } = App.useApp();
  useEffect(() => {
    feedback = { message, notification, modal };
  }, [message, notification, modal]);
  return null;
}

export function feedbackApi(): Feedback {
  if (!feedback) throw new Error('feedback not mounted');
  return feedback;
}

export function DeskErrorDetails({ error }: { error: DeskErrorPayload }) {
  if (!error.issues || error.issues.length === 0) return null;
  return (
    <ul className="error-issues" data-testid="error-issues">
      {issueMessages(error.issues).map((text) => (
        <li key={text}>{text}</li>
      ))}
    </ul>
  );
}

/** Show a failed call to the agent in their language, by error code. */
export function reportError(err: unknown, context?: string): void {
  const error = errorPayload(err);
  if (error.code === 'INTERNAL') console.error(context ?? 'desk call failed', err);
  const title = i18n.t(`errors.${error.code}`);
  if (!feedback) {
    console.error(title, error);
    return;
  }
  feedback.notification.error({
    key: `${error.code}:${context ?? ''}`,
    title: context ? `${context} · ${title}` : title,
    description: <DeskErrorDetails error={error} />,
    placement: 'bottomRight',
    duration: 6,
    props: { 'data-testid': 'error-notification' },
  });
}
