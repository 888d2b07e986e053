import type { ConversationSummary } from '../../../../shared/contract/schemas';
import { unfilledPlaceholders } from '../../../../shared/domain/placeholders';
import { findForbiddenPhrases, type ForbiddenPhrase } from '../../../../shared/domain/compliant-wording';
import { errorPayload, unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { feedbackApi, reportError } from '../../app/feedback';
import { i18n } from '../../i18n';
import { cancelDraftSave, useComposer } from './composer-store';
import { seenSeqOf } from './thread-merge';
import { useScripts } from '../scripts/scripts-store';
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

/** 禁忌用语: the phrases and what the course recommends instead; sending anyway is the agent's explicit choice, and head office keeps it. */
function confirmWording(phrases: ForbiddenPhrase[]): Promise<boolean> {
  return new Promise((resolve) => {
    feedbackApi().modal.confirm({
      title: i18n.t('composer.wordingTitle'),
      content: (
        <div data-testid="wording-confirm">
          <p>{i18n.t('composer.wordingBody')}</p>
          <ul className="confirm-wording">
            {phrases.map((p) => (
              <li key={p.phrase} data-testid="wording-phrase" data-phrase={p.phrase}>
                <q>{p.phrase}</q> → {p.suggestion}
              </li>
            ))}
          </ul>
        </div>
      ),
      focusable: { autoFocusButton: 'cancel' },
      okText: i18n.t('composer.wordingOk'),
      cancelText: i18n.t('composer.wordingCancel'),
      okButtonProps: { danger: true, 'data-testid': 'wording-confirm-ok' },
      cancelButtonProps: { 'data-testid': 'wording-confirm-cancel' },
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    });
  });
}

/**
 * Send the draft; asks first when placeholders are still waiting to be
 * filled. The reply says which messages the agent had on screen; if the
 * customer or a colleague wrote since, head office holds it back: the draft
 * stays, the composer says why, and the thread shows the new messages so the
 * next send goes through.
 */
export async function sendReply(conv: ConversationSummary): Promise<boolean> {
  const state = useComposer.getState();
  const draft = state.drafts[conv.id] ?? conv.draft;
  const body = draft.trim();
  if (body === '') return false;
  const unfilled = unfilledPlaceholders(body);
  if (unfilled.length > 0 && !(await confirmUnfilled(unfilled))) return false;
  const forbidden = findForbiddenPhrases(body);
  if (forbidden.length > 0 && !(await confirmWording(forbidden))) return false;
  // The host empties the draft when the reply goes out; a save still
  // waiting to fire would otherwise put the sent text back.
  cancelDraftSave(conv.id);
  const seenSeq = seenSeqOf(useThreads.getState().threads[conv.id]?.messages ?? []);
  try {
    const message = await unwrap(
      desk().conversations.send({
        conversationId: conv.id,
        body,
        scriptIds: state.scriptIds[conv.id] ?? [],
        seenSeq,
        ...(forbidden.length > 0 ? { confirmedWording: forbidden.map((p) => p.phrase) } : {}),
      }),
    );
    // Only clear what was sent: the agent may have typed on while it went out.
    if ((useComposer.getState().drafts[conv.id] ?? conv.draft) === draft) useComposer.getState().clear(conv.id);
    useComposer.getState().setHeld(conv.id, false);
    useThreads.getState().appendSent(message);
    // The scripts used in it count one more use: the panel shows the new counts.
    if ((state.scriptIds[conv.id] ?? []).length > 0) void useScripts.getState().reload();
    return true;
  } catch (err) {
    const current = useComposer.getState().drafts[conv.id] ?? conv.draft;
    useComposer.getState().setDraft(conv.id, current);
    if (errorPayload(err).code === 'CONVERSATION_CHANGED') {
      useComposer.getState().setHeld(conv.id, true);
      void useThreads.getState().loadLatest(conv.id);
    } else {
      reportError(err);
    }
    return false;
  }
}
