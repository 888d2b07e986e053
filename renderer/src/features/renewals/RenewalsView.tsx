import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Empty, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '../../i18n/format';
import { groupByDue, TASK_GROUPS } from './renewal-model';
import { useRenewals } from './renewal-store';
import { RenewalTaskCard } from './RenewalTaskCard';
import './renewals.css';

/** 续保任务: the reminders of the week (30, 15 and 7 days before expiry, 3 days after), overdue first, then the call backs booked for later (已约回访). */
export function RenewalsView() {
  const { t } = useTranslation();
  const today = useRenewals((s) => s.today);
  const tasks = useRenewals((s) => s.tasks);
  const loading = useRenewals((s) => s.loading);
  const error = useRenewals((s) => s.error);

  useEffect(() => {
    void useRenewals.getState().load();
  }, []);

  const groups = today ? groupByDue(tasks, today) : null;
  return (
    <section className="renewals-view" data-testid="renewals-view" data-state={error ? 'error' : groups ? 'ready' : 'loading'}>
      <div className="queue-toolbar">
        <span className="column-title">{t('renewals.title')}</span>
        {today && <span className="muted small">{t('renewals.today', { date: formatCalendarDate(today) })}</span>}
        <span className="session-spacer" />
        <Button size="small" icon={<ReloadOutlined />} loading={loading} onClick={() => void useRenewals.getState().load()} data-testid="renewals-refresh">
          {t('renewals.refresh')}
        </Button>
      </div>
      {error && <Alert type="warning" showIcon data-testid="renewals-error" data-code={error.code} title={`${t('renewals.failed')} · ${t(`errors.${error.code}`)}`} />}
      {!groups && !error && (
        <div className="column-center">
          <Spin />
        </div>
      )}
      {groups && tasks.length === 0 && <Empty description={t('renewals.empty')} data-testid="renewals-empty" />}
      {groups && tasks.length > 0 && (
        <div className="renewals-groups">
          {TASK_GROUPS.map((g) => (
            <section key={g} className="renewals-group" data-testid={`renewals-group-${g}`} data-count={groups[g].length}>
              <h3 className="renewals-group-title">
                {t(`renewals.groups.${g}`)} <Badge count={groups[g].length} showZero color={g === 'overdue' ? 'red' : g === 'today' ? 'orange' : g === 'callback' ? 'purple' : 'blue'} />
              </h3>
              {groups[g].length === 0 ? (
                <div className="muted small">{t('renewals.emptyGroup')}</div>
              ) : (
                groups[g].map((task) => <RenewalTaskCard key={task.id} task={task} today={today!} />)
              )}
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
