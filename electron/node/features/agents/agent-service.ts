import { DeskError } from '../../../../shared/contract/errors.js';
import type { AgentProfile } from '../../../../shared/contract/schemas.js';
import { uuidv7 } from '../../../../shared/domain/ids.js';
import type { DeskContext } from '../../app/desk-context.js';
import { upsertAgent, type Person } from './agent-store.js';

interface AgentRow {
  id: string;
  code: string;
  display_name: string;
  role: 'agent' | 'lead';
  created_at: number;
}

const toProfile = (r: AgentRow): AgentProfile => ({ id: r.id, code: r.code, displayName: r.display_name, role: r.role, createdAt: r.created_at });

/**
 * The agent at this workstation (坐席). Until head-office sign-in exists
 * the workstation holds one local profile, created once on first start:
 * registering again, or under another agent's code, is refused, so nobody
 * can take over a colleague's history at a shared desk.
 */
export function createAgentService(ctx: DeskContext, options: { headOffice: boolean } = { headOffice: false }) {
  const current = (): AgentProfile | null => {
    const id = ctx.db.prepare(`SELECT value FROM settings WHERE key = 'currentAgentId'`).pluck().get() as string | undefined;
    if (!id) return null;
    const row = ctx.db.prepare('SELECT * FROM agents WHERE id = ?').get(JSON.parse(id)) as AgentRow | undefined;
    return row ? toProfile(row) : null;
  };

  const setCurrent = (id: string | null) => {
    if (id === null) ctx.db.prepare(`DELETE FROM settings WHERE key = 'currentAgentId'`).run();
    else ctx.db.prepare(`INSERT INTO settings (key, value) VALUES ('currentAgentId', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(JSON.stringify(id));
  };

  return {
    current,
    /** A head-office account signed in: it is the agent at this desk. */
    adopt(account: Person & { role: 'agent' | 'lead' | 'admin' }): void {
      upsertAgent(ctx.db, account, account.role === 'agent' ? 'agent' : 'lead');
      setCurrent(account.id);
    },
    /** The agent signed out: nobody is at the desk. */
    leave: () => setCurrent(null),
    require(): AgentProfile {
      const agent = current();
      if (!agent) throw new DeskError('NOT_REGISTERED', 'no agent profile on this workstation yet');
      return agent;
    },
    register(input: { code: string; displayName: string }): AgentProfile {
      // With a head office, the agent at the desk is whoever signs in.
      if (options.headOffice) throw new DeskError('CONFLICT', 'this workstation signs in to head office');
      return ctx.write(() => {
        if (current()) throw new DeskError('CONFLICT', 'this workstation already has an agent profile');
        if (ctx.db.prepare('SELECT 1 FROM agents WHERE code = ?').get(input.code)) throw new DeskError('CONFLICT', `agent code ${input.code} is taken`);
        const row: AgentRow = { id: uuidv7(), code: input.code, display_name: input.displayName, role: 'agent', created_at: ctx.now() };
        ctx.db.prepare('INSERT INTO agents (id, code, display_name, role, created_at) VALUES (?, ?, ?, ?, ?)').run(row.id, row.code, row.display_name, row.role, row.created_at);
        ctx.db.prepare(`INSERT INTO settings (key, value) VALUES ('currentAgentId', ?)`).run(JSON.stringify(row.id));
        ctx.outbox.append('agent.register', { id: row.id, code: row.code, displayName: row.display_name }, row.created_at);
        return toProfile(row);
      });
    },
  };
}

export type AgentService = ReturnType<typeof createAgentService>;
