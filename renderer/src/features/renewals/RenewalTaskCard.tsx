import { PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RenewalTask } from '../../../../shared/head-office/renewals';
import { formatCalendarDate } from '../../i18n/format';
import { RenewalOutcomeForm } from './RenewalOutcomeForm';
import { RenewalScript } from './RenewalScript';

/** One reminder: who, which car and which of its policies (交强险, 商业险), when they end, the step's script, and the outcome form. */
export function RenewalTaskCard({ task, today }: { task: RenewalTask; today: string }) {
  const { t } = useTranslation();
  return (
    <article className="renewal-task" data-testid="renewal-task" data-task-id={task.id} data-step={task.step} data-mine={task.mine}>
      <header className="renewal-task-head">
        <span className="renewal-customer" data-testid="renewal-customer">
          <UserOutlined /> {task.customerName}
        </span>
        <span className="muted small mono" data-testid="renewal-phone">
          <PhoneOutlined /> {task.phoneMasked}
        </span>
        {task.plateMasked && (
          <span className="mono small" data-testid="renewal-plate">
            {task.plateMasked}
          </span>
        )}
        {task.vehicleModel && <span className="muted small">{task.vehicleModel}</span>}
        <span className="session-spacer" />
        {task.mine && <Tag color="blue">{t('renewals.mine')}</Tag>}
        <Tag color={task.step === 'lapsed_follow_up' ? 'red' : 'gold'} data-testid="renewal-step">
          {t(`renewals.steps.${task.step}`)}
        </Tag>
      </header>
      <div className="renewal-task-facts muted small">
        <span data-testid="renewal-expires">{t('renewals.expires', { date: formatCalendarDate(task.expiresOn) })}</span>
        <span>{t('renewals.due', { date: formatCalendarDate(task.dueOn) })}</span>
        <span className="renewal-policies" data-testid="renewal-policies">
          {task.policies.map((p) => (
            <span key={p.policyId} className="renewal-policy" data-testid="renewal-policy" data-kind={p.kind}>
              <Tag color={p.kind === 'compulsory' ? 'geekblue' : 'cyan'}>{t(`renewals.kinds.${p.kind}`)}</Tag>
              <span className="mono">{p.policyNoMasked}</span>
            </span>
          ))}
        </span>
        {task.outcome === 'callback' && task.callbackOn && <span data-testid="renewal-callback-set">{t('renewals.callbackSet', { date: formatCalendarDate(task.callbackOn) })}</span>}
        {task.assigneeName && !task.mine && <span>{t('renewals.assignee', { name: task.assigneeName })}</span>}
      </div>
      {task.note && <div className="renewal-note small">{task.note}</div>}
      <RenewalScript key={task.id} task={task} />
      <RenewalOutcomeForm key={`${task.id}:${task.dueOn}`} task={task} today={today} />
    </article>
  );
}
