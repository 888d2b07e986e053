/**
 * Routing of customer conversations to agents (会话分配). The rules are
 * written once here; head office runs them on what its database holds.
 *
 * - One queue per skill group (技能组). The training course sorts customer
 *   questions into 新保咨询, 续保服务 and 理赔服务; complaints (投诉) have
 *   their own team.
 * - "紧急情况如出险报案应优先处理": claim reports go first, then complaints;
 *   within a priority, whoever wrote first is served first.
 * - A conversation goes to the least-loaded online agent with the skill and
 *   room under their limit of concurrent text conversations; a customer who
 *   wrote before is offered to the agent who served them last, if that agent
 *   has room (the customer need not explain everything again).
 */
export const SKILL_GROUPS = ['new_business', 'renewal', 'claims', 'complaints'] as const;
export type SkillGroup = (typeof SKILL_GROUPS)[number];

/** The groups' names as customers read them in head office's notices (the workstation has its own, translated). */
export const SKILL_GROUP_NAMES_ZH: Record<SkillGroup, string> = { new_business: '新保咨询', renewal: '续保', claims: '理赔', complaints: '投诉' };

export const AGENT_STATUSES = ['online', 'busy', 'away', 'offline'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** What a customer says they write about (the web chat asks; channels may pass it). */
export const CHAT_TOPICS = ['new_business', 'renewal', 'claim_report', 'claim_progress', 'complaint'] as const;
export type ChatTopic = (typeof CHAT_TOPICS)[number];

/** Higher goes first. */
export const PRIORITY = { normal: 0, complaint: 1, claimReport: 2 } as const;

/**
 * Words that mark a first message as a claim report or a complaint when
 * the customer did not pick a topic (a text from SMS or WeChat, say).
 */
const CLAIM_REPORT_WORDS = /报案|出险|事故|撞车|追尾|被撞|剐蹭|刮蹭|水淹|泡水|被盗|被偷/;
const COMPLAINT_WORDS = /投诉|举报|12378|监管/;

export interface QueuePlacement {
  group: SkillGroup;
  priority: number;
}

/** Where a new conversation queues, from the topic the customer chose or, failing that, the words of the first message. */
export function placeConversation(topic: ChatTopic | null, firstText: string): QueuePlacement {
  const chosen = topic ?? (CLAIM_REPORT_WORDS.test(firstText) ? 'claim_report' : COMPLAINT_WORDS.test(firstText) ? 'complaint' : null);
  switch (chosen) {
    case 'claim_report':
      return { group: 'claims', priority: PRIORITY.claimReport };
    case 'claim_progress':
      return { group: 'claims', priority: PRIORITY.normal };
    case 'complaint':
      return { group: 'complaints', priority: PRIORITY.complaint };
    case 'renewal':
      return { group: 'renewal', priority: PRIORITY.normal };
    default:
      return { group: 'new_business', priority: PRIORITY.normal };
  }
}

export interface RoutableAgent {
  id: string;
  skills: readonly SkillGroup[];
  /** Open text conversations assigned now. */
  load: number;
  maxConversations: number;
  /** When the agent was last given a conversation (ms; 0 never): ties go to whoever waited longest. */
  lastAssignedAt: number;
}

export interface WaitingConversation {
  id: string;
  group: SkillGroup;
  priority: number;
  queuedAt: number;
  /** The agent who served this customer last, if any. */
  lastAgentId: string | null;
}

/** Queue order: priority first, then who wrote first (ids break ties, so the order is total). */
export function queueOrder(a: WaitingConversation, b: WaitingConversation): number {
  return b.priority - a.priority || a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const hasRoom = (a: RoutableAgent) => a.load < a.maxConversations;

/** The agent to offer this conversation to, or null if nobody with the skill has room. */
export function pickAgent(conversation: WaitingConversation, agents: readonly RoutableAgent[]): RoutableAgent | null {
  if (conversation.lastAgentId) {
    const last = agents.find((a) => a.id === conversation.lastAgentId);
    if (last && hasRoom(last) && last.skills.includes(conversation.group)) return last;
  }
  let best: RoutableAgent | null = null;
  for (const a of agents) {
    if (!hasRoom(a) || !a.skills.includes(conversation.group)) continue;
    if (!best || a.load < best.load || (a.load === best.load && (a.lastAssignedAt < best.lastAssignedAt || (a.lastAssignedAt === best.lastAssignedAt && a.id < best.id)))) {
      best = a;
    }
  }
  return best;
}

export interface Assignment {
  conversationId: string;
  agentId: string;
}

/**
 * Assign as many waiting conversations as agents have room for, in queue
 * order. A conversation no agent can take does not hold up the ones behind
 * it in other groups. `now` marks each assignment, so the next tie goes to
 * another agent.
 */
export function routeQueue(waiting: readonly WaitingConversation[], agents: readonly RoutableAgent[], now: number): Assignment[] {
  const pool = agents.map((a) => ({ ...a, skills: [...a.skills] }));
  const out: Assignment[] = [];
  for (const c of [...waiting].sort(queueOrder)) {
    const agent = pickAgent(c, pool);
    if (!agent) continue;
    agent.load++;
    agent.lastAssignedAt = now + out.length;
    out.push({ conversationId: c.id, agentId: agent.id });
  }
  return out;
}
