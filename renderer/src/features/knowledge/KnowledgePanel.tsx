import { FileTextOutlined } from '@ant-design/icons';
import { Empty, Input, Spin, Tag, type InputRef } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { focusSoon } from '../../app/focus-soon';
import { useUi } from '../../app/ui-store';
import { ArticleView } from './ArticleView';
import { useKnowledge } from './knowledge-store';

/** Requests already served, so a panel mounted again does not grab focus. */
let handledFocusRequest = 0;

/** 知识库: ranked search; an opened article shows here, beside the chat. */
export function KnowledgePanel() {
  const { t, i18n } = useTranslation();
  const { query, searched, hits, searching, articleId, article, articleLoading } = useKnowledge();
  const { setQuery, search, openArticle, closeArticle, relocalize } = useKnowledge.getState();
  const focusRequest = useUi((s) => s.knowledgeSearchFocus);
  const input = useRef<InputRef>(null);
  const language = useRef(i18n.language);

  useEffect(() => {
    if (language.current !== i18n.language) {
      language.current = i18n.language;
      relocalize();
    }
  }, [i18n.language, relocalize]);

  useEffect(() => {
    if (focusRequest <= handledFocusRequest) return;
    handledFocusRequest = focusRequest;
    closeArticle();
    // The input mounts again when an article was open.
    focusSoon(() => input.current?.input);
  }, [focusRequest, closeArticle]);

  if (articleId) return <ArticleView article={article?.id === articleId ? article : null} loading={articleLoading} onBack={closeArticle} />;

  return (
    <div className="side-panel" data-testid="knowledge-panel">
      <div className="panel-tools">
        <Input.Search
          ref={input}
          allowClear
          placeholder={t('knowledge.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          maxLength={200}
          onSearch={() => void search()}
          loading={searching}
          enterButton={t('knowledge.search')}
          data-testid="knowledge-search"
        />
      </div>
      <div className="panel-scroll" data-testid="knowledge-results">
        {searched === null ? (
          <Empty image={<FileTextOutlined className="empty-icon" />} description={t('knowledge.prompt')} />
        ) : hits.length === 0 ? (
          searching ? (
            <div className="column-center">
              <Spin />
            </div>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('knowledge.noResults')} />
          )
        ) : (
          <>
            <div className="group-title">{t('knowledge.results', { count: hits.length })}</div>
            <ul className="knowledge-hits">
              {hits.map((h) => (
                <li key={h.id}>
                  {/* A real button: focusable, and Enter or Space opens the article. */}
                  <button type="button" className="knowledge-hit" data-testid="knowledge-hit" data-article-id={h.id} onClick={() => void openArticle(h.id)}>
                    <span className="knowledge-hit-head">
                      <span className="knowledge-hit-title">{h.title}</span>
                      <Tag className="mini-tag" color="blue">
                        {t(`knowledgeTopics.${h.topic}`, { defaultValue: h.topic })}
                      </Tag>
                    </span>
                    <span className="knowledge-hit-snippet">{h.snippet}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
