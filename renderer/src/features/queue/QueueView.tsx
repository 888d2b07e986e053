import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatStamp } from '../../i18n/format';
import { QueueActive } from './QueueActive';
import { QueueAgents } from './QueueAgents';
import { QueueListenDrawer } from './QueueListenDrawer';
import { useQueue } from './queue-store';
import { QueueWaiting } from './QueueWaiting';

/** 队列监控: the team lead's live view of waiting and active conversations and every agent's load. */
export function QueueView() {
  const { t } = useTranslation();
  const snapshot = useQueue((s) => s.snapshot);
  const error = useQueue((s) => s.error);
  const loading = useQueue((s) => s.loading);
  const { watch, load } = useQueue.getState();

  useEffect(() => watch(), [watch]);

  return (
    <section className="queue-view" data-testid="queue-view" data-state={error ? 'error' : snapshot ? 'ready' : 'loading'}>
      <div className="queue-toolbar">
        <span className="column-title">{t('queue.title')}</span>
        {snapshot && (
          <span className="muted small" data-testid="queue-updated-at">
            {t('queue.updatedAt', { time: formatStamp(snapshot.at) })}
          </span>
        )}
        {snapshot && (
          <span className="muted small" data-testid="queue-satisfaction" data-rated={snapshot.satisfaction.rated}>
            {snapshot.satisfaction.average === null
              ? t('queue.satisfactionNone')
              : t('queue.satisfaction', { average: snapshot.satisfaction.average.toFixed(1), count: snapshot.satisfaction.rated })}
          </span>
        )}
        <span className="session-spacer" />
        <Button size="small" icon={<ReloadOutlined />} loading={loading} onClick={() => void load()} data-testid="queue-refresh">
          {t('queue.refresh')}
        </Button>
      </div>
      {error && (
        <Alert
          type={error.code === 'HEAD_OFFICE_UNREACHABLE' || error.code === 'TRANSPORT' ? 'warning' : 'error'}
          showIcon
          data-testid="queue-error"
          data-code={error.code}
          title={`${t('queue.failedTitle')} · ${t(`errors.${error.code}`)}`}
          description={snapshot ? t('queue.stale', { time: formatStamp(snapshot.at) }) : undefined}
        />
      )}
      {snapshot ? (
        <div className="queue-grid">
          <QueueWaiting waiting={snapshot.waiting} agents={snapshot.agents} />
          <QueueActive active={snapshot.active} agents={snapshot.agents} />
          <QueueAgents agents={snapshot.agents} />
        </div>
      ) : (
        !error && (
          <div className="column-center">
            <Spin />
          </div>
        )
      )}
      <QueueListenDrawer />
    </section>
  );
}
