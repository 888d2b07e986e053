import type { ConversationSummary } from '../../../../shared/contract/schemas';
import { unfilledPlaceholders } from '../../../../shared/domain/placeholders';
import { unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { feedbackApi, reportError } from '../../app/feedback';
import { i18n } from '../../i18n';
import { cancelDraftSave, useComposer } from './composer-store';
import { useThreads } from './threads-store';

function confirmUnfilled(keys: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    feedbackApi().modal.confirm({
      title: i18n.t('composer.confirmTitle'),
      content: (
        <div data-testid="unfilled-confirm">
          <p>{i18n.t('composer.confirmBody')}</p>
          <ul className="confirm-placeholders">
            {keys.map((k) => (
              <li key={k}>
                {i18n.t(`placeholder.${k}`, { defaultValue: k })} <code>{`{{${k}}}`}</code>
              </li>
            ))}
          </ul>
        </div>
      ),
      // The safe choice has the focus: Enter (say, a second Enter meant for
      // the composer) goes back to the draft, never sends the placeholders.
      focusable: { autoFocusButton: 'cancel' },
      okText: i18n.t('composer.confirmOk'),
      cancelText: i18n.t('composer.confirmCancel'),
      okButtonProps: { danger: true, 'data-testid': 'unfilled-confirm-ok' },
      cancelButtonProps: { 'data-testid': 'unfilled-confirm-cancel' },
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    });
  });
}

/** Send the draft; asks first when placeholders are still waiting to be filled. */
export async function sendReply(conv: ConversationSummary): Promise<boolean> {
  const state = useComposer.getState();
  const draft = state.drafts[conv.id] ?? conv.draft;
  const body = draft.trim();
  if (body === '') return false;
  const unfilled = unfilledPlaceholders(body);
  if (unfilled.length > 0 && !(await confirmUnfilled(unfilled))) return false;
  // The host empties the draft when the reply goes out; a save still
  // waiting to fire would otherwise put the sent text back.
  cancelDraftSave(conv.id);
  try {
    const message = await unwrap(
      desk().conversations.send({ conversationId: conv.id, body, scriptIds: state.scriptIds[conv.id] ?? [] }),
    );
    // Only clear what was sent: the agent may have typed on while it went out.
    if ((useComposer.getState().drafts[conv.id] ?? conv.draft) === draft) useComposer.getState().clear(conv.id);
    useThreads.getState().appendSent(message);
    return true;
  } catch (err) {
    const current = useComposer.getState().drafts[conv.id] ?? conv.draft;
    useComposer.getState().setDraft(conv.id, current);
    reportError(err);
    return false;
  }
}
