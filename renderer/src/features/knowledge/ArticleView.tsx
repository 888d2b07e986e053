import { ArrowLeftOutlined, EnterOutlined } from '@ant-design/icons';
import { Button, Spin, Tag, Tooltip } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { KnowledgeArticle } from '../../../../shared/contract/schemas';
import { feedbackApi } from '../../app/feedback';
import { formatNumber } from '../../i18n/format';
import { insertText } from '../conversation/insert-into-reply';

/** Text the agent selected inside the article, if the selection lies there. */
function selectedWithin(root: HTMLElement | null): string {
  const sel = window.getSelection();
  if (!root || !sel || sel.rangeCount === 0 || sel.isCollapsed) return '';
  const range = sel.getRangeAt(0);
  return root.contains(range.commonAncestorContainer) ? sel.toString().trim() : '';
}

export function ArticleView({ article, loading, onBack }: { article: KnowledgeArticle | null; loading: boolean; onBack(): void }) {
  const { t } = useTranslation();
  const body = useRef<HTMLDivElement>(null);

  const quote = () => {
    if (!article) return;
    const text = selectedWithin(body.current) || article.body.trim();
    if (insertText(text)) feedbackApi().message.success(t('composer.quoteInserted'), 1.5);
  };

  return (
    // The article's internal code is for tests and support, not for the agent's eyes.
    <div className="article-view" data-testid="knowledge-article" data-article-code={article?.code}>
      <div className="article-bar">
        <Button size="small" type="text" icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="knowledge-back">
          {t('knowledge.back')}
        </Button>
        <span className="session-spacer" />
        <Tooltip title={t('knowledge.insertQuoteHint')}>
          <Button
            size="small"
            type="primary"
            icon={<EnterOutlined />}
            disabled={!article}
            // Keep the agent's text selection in the article while clicking.
            onMouseDown={(e) => e.preventDefault()}
            onClick={quote}
            data-testid="knowledge-insert-quote"
          >
            {t('knowledge.insertQuote')}
          </Button>
        </Tooltip>
      </div>
      {!article ? (
        <div className="column-center">{loading && <Spin description={t('knowledge.loading')} />}</div>
      ) : (
        <div className="article-scroll">
          <h3 className="article-title" data-testid="knowledge-article-title">
            {article.title}
          </h3>
          <div className="article-meta">
            <Tag className="mini-tag" color="blue">
              {t(`knowledgeTopics.${article.topic}`, { defaultValue: article.topic })}
            </Tag>
            <span className="muted small">{t('knowledge.uses', { n: formatNumber(article.useCount) })}</span>
          </div>
          <div ref={body} className="article-body" data-testid="knowledge-article-body">
            {article.body
              .split(/\n{2,}/)
              .filter((p) => p.trim() !== '')
              .map((p, i) => (
                <p key={i}>{p}</p>
              ))}
          </div>
          {article.keywords.length > 0 && (
            <div className="article-keywords">
              <span className="muted small">{t('knowledge.keywords')}</span>
              {article.keywords.map((k) => (
                <Tag key={k} className="mini-tag">
                  {k}
                </Tag>
              ))}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
