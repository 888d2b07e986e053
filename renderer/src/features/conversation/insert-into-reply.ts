import { MAX_TEXT_LENGTH, type Script } from '../../../../shared/contract/schemas';
import { fillPlaceholders } from '../../../../shared/domain/placeholders';
import { unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { feedbackApi, reportError } from '../../app/feedback';
import { i18n } from '../../i18n';
import { useSessions } from '../sessions/sessions-store';
import { useComposer, type Selection } from './composer-store';

function activeConversation() {
  const { conversations, activeId } = useSessions.getState();
  const conv = conversations.find((c) => c.id === activeId);
  if (!conv) feedbackApi().message.warning(i18n.t('composer.noConversation'));
  return conv;
}

/**
 * Fill a script with what the open conversation knows and put it at the
 * composer's caret. Unknown placeholders stay as `{{key}}` for the agent.
 */
export async function insertScript(script: Script, range?: Selection): Promise<boolean> {
  const conv = activeConversation();
  if (!conv) return false;
  try {
    const values = await unwrap(desk().conversations.placeholderContext({ conversationId: conv.id }));
    const { text } = fillPlaceholders(script.body, values);
    return insertOrWarn(() => useComposer.getState().insert(conv.id, conv.draft, text, range ? { scriptId: script.id, range } : { scriptId: script.id }));
  } catch (err) {
    reportError(err);
    return false;
  }
}

/** Put plain text (a knowledge-base quote) at the composer's caret. */
export function insertText(text: string): boolean {
  const conv = activeConversation();
  if (!conv) return false;
  return insertOrWarn(() => useComposer.getState().insert(conv.id, conv.draft, text));
}

function insertOrWarn(insert: () => boolean): boolean {
  const done = insert();
  if (!done) feedbackApi().message.warning(i18n.t('composer.tooLong', { max: MAX_TEXT_LENGTH }));
  return done;
}
