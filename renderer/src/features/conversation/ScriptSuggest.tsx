import { Tag } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Script } from '../../../../shared/contract/schemas';
import { ScriptPreview } from '../scripts/ScriptPreview';

interface Props {
  scripts: Script[];
  activeIndex: number;
  loading: boolean;
  onPick(script: Script): void;
  onHover(index: number): void;
}

/** The `/bazs` popup above the composer; the composer owns the keyboard. */
export function ScriptSuggest({ scripts, activeIndex, loading, onPick, onHover }: Props) {
  const { t } = useTranslation();
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    list.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  return (
    <div className="script-suggest" data-testid="script-suggest" role="dialog" aria-label={t('composer.suggestTitle')}>
      <div className="script-suggest-head">
        <span>{t('composer.suggestTitle')}</span>
        <span className="muted">{t('composer.suggestHint')}</span>
      </div>
      {scripts.length === 0 ? (
        <div className="script-suggest-empty">{loading ? t('common.loading') : t('composer.suggestEmpty')}</div>
      ) : (
        <ul ref={list} role="listbox">
          {scripts.map((s, i) => (
            <li
              key={s.id}
              role="option"
              aria-selected={i === activeIndex}
              className={i === activeIndex ? 'is-active' : undefined}
              data-testid="script-suggest-item"
              data-script-id={s.id}
              onMouseEnter={() => onHover(i)}
              onMouseDown={(e) => {
                // Keep focus (and the caret) in the composer.
                e.preventDefault();
                onPick(s);
              }}
            >
              <div className="script-suggest-title">
                <span className="script-title-text">{s.title}</span>
                <Tag className="mini-tag">{t(`stages.${s.stage}`)}</Tag>
                {s.scope === 'personal' && <Tag className="mini-tag" color="geekblue">{t('scripts.personal')}</Tag>}
                <span className="shortcut-code">/{s.shortcut}</span>
              </div>
              <ScriptPreview body={s.body} className="script-suggest-body" />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
