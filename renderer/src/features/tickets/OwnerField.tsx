import { UserSwitchOutlined } from '@ant-design/icons';
import { Button, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../../../shared/contract/schemas';
import type { AgentPresence } from '../../../../shared/head-office/conversations';
import { awaitsComplaintTeam, COMPLAINT_TEAM_SKILL } from '../../../../shared/domain/ticket-sla';
import { useAgent } from '../../app/agent-store';
import { unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { useTickets } from './tickets-store';

/** The ticket's owner: a lead picks anyone of the office; an agent takes a ticket nobody owns. */
export function OwnerField({ detail }: { detail: TicketDetail }) {
  const { t } = useTranslation();
  const agent = useAgent((s) => s.agent);
  const busy = useTickets((s) => s.busy);
  const [colleagues, setColleagues] = useState<AgentPresence[] | null>(null);
  const isLead = agent?.role === 'lead';
  const closed = detail.status === 'closed';

  const loadColleagues = () => {
    if (colleagues) return;
    unwrap(desk().conversations.transferTargets({}))
      .then((list) => setColleagues(list.filter((a) => a.role !== 'admin')))
      // Only with head office: offline the list stays empty.
      .catch(() => setColleagues([]));
  };

  if (isLead && !closed && agent) {
    // A level-2 complaint is the complaint team's: only its members are offered (desk and head office refuse others).
    const eligible = (colleagues ?? []).filter((c) => detail.complaintLevel !== 2 || c.skills.includes(COMPLAINT_TEAM_SKILL));
    const options = [{ value: agent.id, label: agent.displayName }, ...eligible.filter((c) => c.accountId !== agent.id).map((c) => ({ value: c.accountId, label: c.displayName }))];
    if (detail.ownerId && !options.some((o) => o.value === detail.ownerId)) options.push({ value: detail.ownerId, label: detail.ownerName ?? detail.ownerId });
    return (
      <Select
        size="small"
        value={detail.ownerId ?? undefined}
        placeholder={awaitsComplaintTeam(detail) ? t('ticketSla.awaitsComplaintTeam') : t('ticketSla.noOwner')}
        disabled={busy}
        onOpenChange={(open) => open && loadColleagues()}
        onChange={(id: string) => void useTickets.getState().assign(id, options.find((o) => o.value === id)?.label ?? '')}
        options={options}
        popupMatchSelectWidth={false}
        suffixIcon={<UserSwitchOutlined />}
        aria-label={t('ticketSla.assignTo')}
        data-testid="ticket-owner-select"
        style={{ minWidth: 140 }}
      />
    );
  }
  return (
    <Space size={4}>
      {awaitsComplaintTeam(detail) ? (
        <Tag color="orange" data-testid="ticket-awaits-complaint-team">
          {t('ticketSla.awaitsComplaintTeam')}
        </Tag>
      ) : (
        <span data-testid="ticket-owner">{detail.ownerName ?? t('ticketSla.noOwner')}</span>
      )}
      {!closed && agent && detail.ownerId === null && (
        <Button size="small" disabled={busy} onClick={() => void useTickets.getState().assign(agent.id, agent.displayName)} data-testid="ticket-take">
          {t('ticketSla.take')}
        </Button>
      )}
    </Space>
  );
}
