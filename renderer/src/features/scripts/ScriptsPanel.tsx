import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Empty, Input, Select, Spin, type InputRef } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ScriptStage, type Script } from '../../../../shared/contract/schemas';
import { feedbackApi } from '../../app/feedback';
import { focusSoon } from '../../app/focus-soon';
import { useUi } from '../../app/ui-store';
import { insertScript } from '../conversation/insert-into-reply';
import { ScriptEditor } from './ScriptEditor';
import { ScriptItem } from './ScriptItem';
import { answersCurrentSearch, useScripts } from './scripts-store';

/** Requests already served, so a panel mounted again does not grab focus. */
let handledFocusRequest = 0;

/** 话术: approved team scripts (read-only) and the agent's own, by service stage. */
export function ScriptsPanel() {
  const { t, i18n } = useTranslation();
  const { stage, query, scripts, mode, loading } = useScripts();
  const { setStage, setQuery, reload, startEdit, remove } = useScripts.getState();
  const focusRequest = useUi((s) => s.scriptSearchFocus);
  const search = useRef<InputRef>(null);

  useEffect(() => {
    void reload();
  }, [reload, i18n.language]);

  useEffect(() => {
    if (focusRequest <= handledFocusRequest) return;
    handledFocusRequest = focusRequest;
    focusSoon(() => search.current?.input);
  }, [focusRequest]);

  const groups = useMemo(() => {
    if (mode === 'search') return [];
    return ScriptStage.options.map((s) => ({ stage: s, items: scripts.filter((x) => x.stage === s) })).filter((g) => g.items.length > 0);
  }, [scripts, mode]);

  const insert = async (script: Script) => {
    if (await insertScript(script)) feedbackApi().message.success(t('composer.inserted', { title: script.title }), 1.5);
  };

  // Enter inserts the best match for the text in the box, never a result of an earlier query.
  const insertBestMatch = async () => {
    const text = useScripts.getState().query.trim();
    if (!text) return;
    if (!answersCurrentSearch(useScripts.getState())) await reload();
    const now = useScripts.getState();
    const first = now.scripts[0];
    if (now.query.trim() === text && answersCurrentSearch(now) && first) await insert(first);
  };

  const renderItem = (s: Script, showStage: boolean) => (
    <ScriptItem key={s.id} script={s} showStage={showStage} onInsert={(x) => void insert(x)} onEdit={startEdit} onDelete={(x) => void remove(x)} />
  );

  return (
    <div className="side-panel" data-testid="scripts-panel">
      <div className="panel-tools">
        <Input
          ref={search}
          allowClear
          prefix={<SearchOutlined className="muted" />}
          placeholder={t('scripts.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          maxLength={100}
          onPressEnter={() => void insertBestMatch()}
          data-testid="script-search"
        />
        <div className="panel-tools-row">
          <Select<ScriptStage | 'all'>
            className="stage-filter"
            value={stage ?? 'all'}
            onChange={(v) => setStage(v === 'all' ? null : v)}
            options={[{ value: 'all', label: t('scripts.allStages') }, ...ScriptStage.options.map((s) => ({ value: s, label: t(`stages.${s}`) }))]}
            data-testid="script-stage-filter"
            aria-label={t('scripts.stageFilter')}
            popupMatchSelectWidth={false}
          />
          <Button icon={<PlusOutlined />} onClick={() => startEdit('new')} aria-label={t('scripts.create')} title={t('scripts.create')} data-testid="script-create">
            <span className="wide-only">{t('scripts.create')}</span>
          </Button>
        </div>
      </div>
      <div className="panel-scroll" data-testid="script-list">
        {loading && scripts.length === 0 ? (
          <div className="column-center">
            <Spin />
          </div>
        ) : scripts.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={mode === 'search' ? t('scripts.noResults') : t('scripts.empty')} />
        ) : mode === 'search' ? (
          <>
            <div className="group-title">{t('scripts.results', { count: scripts.length })}</div>
            <ul className="script-items">{scripts.map((s) => renderItem(s, true))}</ul>
          </>
        ) : (
          groups.map((g) => (
            <section key={g.stage} className="script-group" data-testid="script-group" data-stage={g.stage}>
              <div className="group-title">
                {t(`stages.${g.stage}`)} <span className="muted">{g.items.length}</span>
              </div>
              <ul className="script-items">{g.items.map((s) => renderItem(s, false))}</ul>
            </section>
          ))
        )}
      </div>
      <ScriptEditor />
    </div>
  );
}
