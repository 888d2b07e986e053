import { MAX_TEXT_LENGTH } from '../../../../shared/contract/schemas';
import { SendOutlined } from '@ant-design/icons';
import { Alert, Button, Tag, Tooltip } from 'antd';
import { useEffect, useLayoutEffect, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary, Script } from '../../../../shared/contract/schemas';
import { findPlaceholders, unfilledPlaceholders } from '../../../../shared/domain/placeholders';
import { unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { reportError } from '../../app/feedback';
import { currentLocale } from '../../i18n';
import { registerComposerElement, useComposer, useDraft } from './composer-store';
import { insertScript } from './insert-into-reply';
import { PlaceholderMirror } from './PlaceholderMirror';
import { commandAtCaret } from './script-command';
import { ScriptSuggest } from './ScriptSuggest';
import { sendReply } from './send-reply';
import { reportTyping } from './typing';

const MAX_BODY = MAX_TEXT_LENGTH;
const lookupKey = (locale: string, token: string) => `${locale}|${token}`;

export function Composer({ conversation }: { conversation: ConversationSummary }) {
  const { t } = useTranslation();
  const id = conversation.id;
  const draft = useDraft(id, conversation.draft);
  const setDraft = useComposer((s) => s.setDraft);
  const setSelection = useComposer((s) => s.setSelection);
  const select = useComposer((s) => s.select);
  const caret = useComposer((s) => s.caret);
  const selection = useComposer((s) => s.selections[id]);
  const held = useComposer((s) => s.held[id] ?? false);
  const input = useRef<HTMLTextAreaElement>(null);
  const mirror = useRef<HTMLDivElement>(null);
  const [sending, setSending] = useState(false);

  // The shortcut the caret sits right after: `/bazs` alone, at a line start or after a space.
  const found = commandAtCaret(draft, selection?.start ?? draft.length, selection?.end ?? draft.length);
  const token = found?.token ?? null;
  const tokenStart = found?.start ?? -1;
  /** This shortcut at this place: what Esc dismisses and a waiting Enter picks for. */
  const commandKey = found ? `${found.start}|${found.token}` : null;
  const locale = currentLocale();
  const [suggest, setSuggest] = useState<{ key: string; scripts: Script[] }>({ key: '', scripts: [] });
  const [activeIndex, setActiveIndex] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  /** Enter came before the lookup answered: insert the best match once it does. */
  const pickWhenReady = useRef<string | null>(null);
  const suggestOpen = commandKey !== null && commandKey !== dismissed;
  // Only results that answer this very shortcut (and language) count; null while it is looked up.
  const results = token !== null && suggest.key === lookupKey(locale, token) ? suggest.scripts : null;

  // Look up `/initials` as the agent types; late answers for old queries are dropped.
  useEffect(() => {
    const key = token === null ? null : `${tokenStart}|${token}`;
    if (pickWhenReady.current !== key) pickWhenReady.current = null;
    if (token === null) return;
    let current = true;
    const timer = setTimeout(() => {
      unwrap(desk().scripts.search({ locale, query: token, limit: 8 }))
        .then((scripts) => {
          if (!current) return;
          setSuggest({ key: lookupKey(locale, token), scripts });
          setActiveIndex(0);
          const waiting = pickWhenReady.current === key;
          pickWhenReady.current = null;
          // Only the shortcut itself is replaced; text around it stays.
          if (waiting && scripts[0]) void insertScript(scripts[0], { start: tokenStart, end: tokenStart + token.length });
        })
        .catch((err) => {
          if (!current) return;
          setSuggest({ key: lookupKey(locale, token), scripts: [] });
          pickWhenReady.current = null;
          reportError(err);
        });
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [token, tokenStart, locale]);

  // Opening a conversation puts the caret back where the agent left it.
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    registerComposerElement(id, el);
    el.focus();
    const sel = useComposer.getState().selections[id];
    const end = el.value.length;
    el.setSelectionRange(sel?.start ?? end, sel?.end ?? end);
    return () => registerComposerElement(id, null);
  }, [id]);

  // Programmatic edits (script, quote, placeholder click) move the caret.
  useLayoutEffect(() => {
    const el = input.current;
    if (!el || !caret || caret.conversationId !== id) return;
    el.focus();
    el.setSelectionRange(caret.start, caret.end);
    if (mirror.current) mirror.current.scrollTop = el.scrollTop;
  }, [caret, id]);

  const remember = () => {
    const el = input.current;
    if (el) setSelection(id, { start: el.selectionStart, end: el.selectionEnd });
  };

  const onChange = (e: ChangeEvent<HTMLTextAreaElement>) => {
    if (e.target.value !== draft) reportTyping(id);
    setDraft(id, e.target.value);
    setSelection(id, { start: e.target.selectionStart, end: e.target.selectionEnd });
  };

  const send = async () => {
    if (sending) return;
    setSending(true);
    try {
      await sendReply(conversation);
    } finally {
      setSending(false);
      input.current?.focus();
    }
  };

  const pick = (script: Script) => {
    if (!found) return;
    setDismissed(null);
    void insertScript(script, { start: found.start, end: found.end });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // An IME is still composing Chinese: Enter picks the characters, it must not send.
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    if (suggestOpen) {
      if (e.key === 'Escape') {
        e.preventDefault();
        pickWhenReady.current = null;
        setDismissed(commandKey);
        return;
      }
      if (results && results.length > 0 && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
        const n = results.length;
        setActiveIndex((i) => (i + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
        return;
      }
      // A shortcut at the caret is never a reply: Enter picks a script or waits for one.
      if ((e.key === 'Enter' && !e.shiftKey) || (e.key === 'Tab' && results !== null && results.length > 0)) {
        e.preventDefault();
        if (results === null) pickWhenReady.current = commandKey;
        else if (results[activeIndex]) pick(results[activeIndex]);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      void send();
    }
  };

  const unfilled = unfilledPlaceholders(draft);
  const selectPlaceholder = (key: string) => {
    const ref = findPlaceholders(draft).find((r) => r.key === key);
    if (ref) select(id, { start: ref.start, end: ref.end });
  };

  return (
    <div className="composer" data-testid="composer">
      {suggestOpen && (
        <ScriptSuggest scripts={results ?? []} loading={results === null} activeIndex={activeIndex} onPick={pick} onHover={setActiveIndex} />
      )}
      {held && <Alert className="composer-changed" type="warning" showIcon title={t('composer.changed')} data-testid="composer-changed-notice" />}
      <div className="composer-field">
        <PlaceholderMirror ref={mirror} text={draft} />
        <textarea
          ref={input}
          className="composer-input"
          data-testid="composer-input"
          value={draft}
          maxLength={MAX_BODY}
          placeholder={t('composer.placeholder')}
          aria-label={t('composer.placeholder')}
          spellCheck={false}
          onChange={onChange}
          onSelect={remember}
          onKeyDown={onKeyDown}
          onScroll={(e) => {
            if (mirror.current) mirror.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
      <div className="composer-footer">
        <div className="composer-unfilled" data-testid="unfilled-placeholders">
          {unfilled.length > 0 && (
            <>
              <span className="composer-unfilled-label">{t('composer.unfilledLabel')}</span>
              {unfilled.map((key) => (
                <Tooltip key={key} title={t('composer.unfilledClick')}>
                  <Tag
                    className="placeholder-chip"
                    color="warning"
                    data-testid="unfilled-placeholder"
                    data-key={key}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => selectPlaceholder(key)}
                  >
                    {t(`placeholder.${key}`, { defaultValue: key })}
                  </Tag>
                </Tooltip>
              ))}
            </>
          )}
        </div>
        <span className="composer-hint">{t('composer.hint')}</span>
        <span className="composer-count">{t('composer.chars', { count: draft.length, max: MAX_BODY })}</span>
        <Button type="primary" icon={<SendOutlined />} loading={sending} disabled={draft.trim() === ''} onClick={() => void send()} data-testid="send-button">
          {t('composer.send')}
        </Button>
      </div>
    </div>
  );
}
