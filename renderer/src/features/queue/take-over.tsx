import { Button } from 'antd';
import { feedbackApi } from '../../app/feedback';
import { useUi } from '../../app/ui-store';
import { i18n } from '../../i18n';
import { useSessions } from '../sessions/sessions-store';

/** The lead took a conversation over: it is in their session list now; offer to open it. */
export async function announceTakeOver(conversationId: string): Promise<void> {
  await useSessions.getState().load();
  const key = `take-over:${conversationId}`;
  const open = () => {
    feedbackApi().notification.destroy(key);
    useUi.getState().setView('workspace');
    useSessions.getState().open(conversationId);
  };
  feedbackApi().notification.success({
    key,
    title: i18n.t('queue.takenOver'),
    placement: 'bottomRight',
    duration: 8,
    actions: (
      <Button size="small" type="primary" onClick={open} data-testid="queue-open-taken">
        {i18n.t('queue.openTaken')}
      </Button>
    ),
  });
}
