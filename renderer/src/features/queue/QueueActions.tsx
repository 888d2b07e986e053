import { CustomerServiceOutlined, EyeOutlined, SwapOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Button, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentPresence, LiveConversation } from '../../../../shared/contract/schemas';
import { useAgent } from '../../app/agent-store';
import { feedbackApi } from '../../app/feedback';
import { agentOptions } from '../routing/agent-options';
import { AgentOptionLabel } from '../routing/AgentOptionLabel';
import { useQueue } from './queue-store';
import { announceTakeOver } from './take-over';

/** 分配/改派 to an agent, 接管 (the lead takes it), 监听 (listen in silently). */
export function QueueActions({ conversation: c, agents }: { conversation: LiveConversation; agents: AgentPresence[] }) {
  const { t } = useTranslation();
  const selfId = useAgent((s) => s.agent?.id ?? null);
  const busy = useQueue((s) => s.assigning[c.id] ?? false);
  const listeningHere = useQueue((s) => s.listening?.conversationId === c.id);
  const { assign, listen } = useQueue.getState();
  const [target, setTarget] = useState<string | undefined>();
  const assigned = c.assigneeId !== null;
  // A lead may go over an agent's limit; someone offline or without a live desk cannot answer at all.
  const options = useMemo(() => agentOptions(agents, [c.assigneeId], { allowFull: true }), [agents, c.assigneeId]);
  const chosen = options.find((o) => o.agent.accountId === target && o.unavailable === null);

  const submit = async () => {
    if (!chosen) return;
    if (await assign(c.id, chosen.agent.accountId)) {
      setTarget(undefined);
      if (chosen.agent.accountId === selfId) void announceTakeOver(c.id);
      else feedbackApi().message.success(t('queue.assigned', { name: chosen.agent.displayName }));
    }
  };

  const takeOver = async () => {
    if (selfId && (await assign(c.id, selfId))) void announceTakeOver(c.id);
  };

  return (
    <div className="queue-actions">
      <Select<string>
        size="small"
        className="queue-assign-select"
        popupMatchSelectWidth={false}
        placeholder={t(assigned ? 'queue.reassignTo' : 'queue.assignTo')}
        value={target}
        onChange={setTarget}
        data-testid="queue-assign-select"
        options={options.map((o) => ({ value: o.agent.accountId, disabled: o.unavailable !== null, label: <AgentOptionLabel option={o} /> }))}
        labelRender={({ value }) => options.find((o) => o.agent.accountId === value)?.agent.displayName ?? ''}
      />
      <Button size="small" icon={<SwapOutlined />} disabled={!chosen} loading={busy} onClick={() => void submit()} data-testid="queue-assign">
        {t(assigned ? 'queue.reassign' : 'queue.assign')}
      </Button>
      {selfId && c.assigneeId !== selfId && (
        <Button size="small" icon={<UserSwitchOutlined />} disabled={busy} onClick={() => void takeOver()} data-testid="queue-take-over">
          {t('queue.takeOver')}
        </Button>
      )}
      <Button
        size="small"
        type={listeningHere ? 'primary' : 'default'}
        ghost={listeningHere}
        icon={listeningHere ? <CustomerServiceOutlined /> : <EyeOutlined />}
        onClick={() => void listen(c.id)}
        data-testid="queue-listen"
      >
        {t('queue.listen')}
      </Button>
    </div>
  );
}
