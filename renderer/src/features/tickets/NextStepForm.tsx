import { Button, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../../../shared/contract/schemas';
import { DEFAULT_OFFICE_HOURS } from '../../../../shared/domain/working-calendar';
import { nextStepProblem } from '../../../../shared/domain/ticket-sla';
import { instantOfOfficeInput, officeInputValue } from './office-time';
import { useTickets } from './tickets-store';

/** The next step and its time (事不过夜), the time typed in the office's clock. */
export function NextStepForm({ detail }: { detail: TicketDetail }) {
  const { t } = useTranslation();
  const busy = useTickets((s) => s.busy);
  // The office the deadline is counted for (the hours stored with it); China time when none are stored.
  const offset = (detail.slaHours ?? DEFAULT_OFFICE_HOURS).utcOffsetMinutes;
  const [action, setAction] = useState(detail.nextStep?.action ?? '');
  const [due, setDue] = useState(detail.nextStep ? officeInputValue(detail.nextStep.dueAt, offset) : '');
  const [error, setError] = useState<false | 'missing' | 'in_the_past'>(false);
  useEffect(() => {
    setAction(detail.nextStep?.action ?? '');
    setDue(detail.nextStep ? officeInputValue(detail.nextStep.dueAt, offset) : '');
    setError(false);
  }, [detail.id, detail.nextStep, offset]);
  const save = async () => {
    const dueAt = instantOfOfficeInput(due, offset);
    if (!action.trim() || dueAt === null) {
      setError('missing');
      return;
    }
    // The same rule head office applies (ticket-sla.ts nextStepProblem): a plan for the past plans nothing.
    if (nextStepProblem({ action: action.trim(), dueAt }, Date.now())) {
      setError('in_the_past');
      return;
    }
    await useTickets.getState().setNextStep(action.trim(), dueAt);
  };
  return (
    <div>
      <div className="ticket-next-step">
        <Input
          size="small"
          value={action}
          maxLength={200}
          placeholder={t('ticketSla.nextStepActionPlaceholder')}
          aria-label={t('ticketSla.nextStepAction')}
          status={error && !action.trim() ? 'error' : undefined}
          onChange={(e) => {
            setAction(e.target.value);
            setError(false);
          }}
          data-testid="next-step-action"
        />
        <Input
          size="small"
          type="datetime-local"
          value={due}
          aria-label={t('ticketSla.nextStepDue')}
          status={(error && !due) || error === 'in_the_past' ? 'error' : undefined}
          onChange={(e) => {
            setDue(e.target.value);
            setError(false);
          }}
          style={{ width: 200 }}
          data-testid="next-step-due"
        />
        <Button size="small" disabled={busy} onClick={() => void save()} data-testid="next-step-save">
          {t('ticketSla.nextStepSave')}
        </Button>
      </div>
      {error && (
        <div className="field-error" data-testid="next-step-error">
          {error === 'in_the_past' ? t('issues.reasons.in_the_past', { field: t('fields.dueAt') }) : t('ticketSla.nextStepRequired')}
        </div>
      )}
    </div>
  );
}
