import type { ReactNode } from 'react';
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

/**
 * Ask before a reply goes that may not be what the agent means. The safe
 * choice has the focus: Enter (say, a second Enter meant for the composer)
 * goes back to the draft, never sends. `key` names the i18n texts
 * (composer.<key>Title/Body/Ok/Cancel) and the test ids (<testId>-ok …).
 */
function confirmBeforeSending(key: 'confirm' | 'wording', testId: string, list: ReactNode): Promise<boolean> {
  return new Promise((resolve) => {
    feedbackApi().modal.confirm({
      title: i18n.t(`composer.${key}Title`),
      content: (
        <div data-testid={testId}>
          <p>{i18n.t(`composer.${key}Body`)}</p>
          {list}
        </div>
      ),
      focusable: { autoFocusButton: 'cancel' },
      okText: i18n.t(`composer.${key}Ok`),
      cancelText: i18n.t(`composer.${key}Cancel`),
      okButtonProps: { danger: true, 'data-testid': `${testId}-ok` },
      cancelButtonProps: { 'data-testid': `${testId}-cancel` },
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    });
  });
}

const confirmUnfilled = (keys: string[]) =>
  confirmBeforeSending(
    'confirm',
    'unfilled-confirm',
    <ul className="confirm-placeholders">
      {keys.map((k) => (
        <li key={k}>
          {i18n.t(`placeholder.${k}`, { defaultValue: k })} <code>{`{{${k}}}`}</code>
        </li>
      ))}
    </ul>,
  );

/** 禁忌用语: the phrases and what the course recommends instead; sending anyway is the agent's explicit choice, and head office keeps it. */
const confirmWording = (phrases: ForbiddenPhrase[]) =>
  confirmBeforeSending(
    'wording',
    'wording-confirm',
    <ul className="confirm-wording">
      {phrases.map((p) => (
        <li key={p.phrase} data-testid="wording-phrase" data-phrase={p.phrase}>
          <q>{p.phrase}</q> → {p.suggestion}
        </li>
      ))}
    </ul>,
  );

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
