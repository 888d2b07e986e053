import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/head-office-process.js';
import { liveAgent } from '../support/live-agent.js';
import { PASSWORD, startSyncWorld, type SyncWorld } from '../support/sync-world.js';
import { waitFor, webChatCustomer } from '../support/webchat-customer.js';
import { channelSecret, smsCustomer } from '../support/channel-delivery.js';

type Agent = Awaited<ReturnType<typeof liveAgent>>;
interface Conv {
  id: string;
  state: string;
  group: string;
  priority: number;
  queuedAt: number;
  assigneeId: string | null;
}
interface Queue {
  waiting: Conv[];
  active: Conv[];
  agents: { accountId: string; connected: boolean; load: number; maxConversations: number }[];
}

const ALL_SKILLS = ['new_business', 'renewal', 'claims', 'complaints'];
/** The rule under test, written out: higher priority first, then whoever wrote first (ids break ties). */
const queueOrder = (a: Conv, b: Conv) => b.priority - a.priority || a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : 1);

/**
 * Routing rules against the real head-office process: agents with live
 * sockets and a status, customers on SMS (signed webhook) and the web chat.
 * Every test leaves an empty queue and idle, disconnected agents behind.
 */
describe('routing customer conversations to agents', () => {
  let world: SyncWorld;
  let base: string;
  let admin: string;
  let lead: string;
  let leadId: string;
  let secret: string;
  const connected: Agent[] = [];

  beforeAll(async () => {
    world = await startSyncWorld();
    base = world.ho.url;
    admin = await world.adminToken();
    const signIn = await api(base, 'POST', '/api/auth/login', { login: 'lead_a', password: PASSWORD });
    lead = signIn.body.accessToken;
    leadId = signIn.body.account.id;
    secret = await channelSecret(base, 'sms', admin);
  }, 60_000);
  afterAll(async () => world?.close());

  const queue = async () => (await api(base, 'GET', '/api/queue', undefined, lead)).body as Queue;
  const conversation = async (id: string) => (await api(base, 'GET', `/api/conversations/${id}`, undefined, lead)).body as Conv;
  const assigneeOf = (id: string, what = `conversation ${id} to be assigned`) => waitFor(async () => (await conversation(id)).assigneeId, 10_000, what);
  const sms = () => smsCustomer(base, secret);
  const write = async (text: string, topic?: string) => (await sms().send(text, topic ? { topic } : {})).conversationId;

  /** An agent with these skills and limit, the status set before the socket opens (so no stale 'online' lets anything through). */
  async function online(login: string, o: { status?: 'online' | 'busy' | 'away' | 'offline'; skills?: string[]; max?: number } = {}): Promise<Agent> {
    const status = o.status ?? 'online';
    const patched = await api(base, 'PATCH', `/api/accounts/${world.accounts[login]}`, { skills: o.skills ?? ALL_SKILLS, maxConversations: o.max ?? 5 }, admin);
    expect(patched.status).toBe(200);
    const token = (await api(base, 'POST', '/api/auth/login', { login, password: PASSWORD })).body.accessToken;
    expect((await api(base, 'PUT', '/api/presence', { status }, token)).status).toBe(200);
    const agent = await liveAgent(base, login, PASSWORD, status);
    connected.push(agent);
    return agent;
  }

  /** Close conversations as their agent, through the sync push of the desk mutation `conversation.close`. */
  async function closeAs(token: string, ids: string[]) {
    if (ids.length === 0) return;
    const mutations = ids.map((id, i) => ({ mutationId: i + 1, name: 'conversation.close', args: { id } }));
    const r = await api(base, 'POST', '/api/sync/push', { clientId: crypto.randomUUID(), epoch: null, mutations }, token);
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(ids.map(() => 'applied'));
  }

  afterEach(async () => {
    for (const a of connected.splice(0)) a.close();
    await waitFor(async () => (await queue()).agents.every((a) => !a.connected), 10_000, 'every agent to disconnect');
    // Whatever is still open, the lead takes and ends (the lead has no socket: routing never offers them anything).
    const q = await queue();
    const left = [...q.waiting, ...q.active];
    for (const c of left) if (c.assigneeId !== leadId) expect((await api(base, 'POST', `/api/conversations/${c.id}/assign`, { accountId: leadId }, lead)).status).toBe(200);
    await closeAs(lead, left.map((c) => c.id));
  });

  it('gives each new customer to the least-loaded online agent: four arrivals one by one end two and two', async () => {
    const a = await online('agent_a');
    const b = await online('agent_b');
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const customer = await webChatCustomer(base, { name: `客户${i}` });
      const sent = await customer.send('你好，我想咨询新车投保', 'new_business');
      expect(sent.status).toBe(200);
      order.push(await assigneeOf(sent.body.message.conversationId, `customer ${i} to be assigned`));
      customer.close();
    }
    // Loads 0/0, 1/0, 1/1 (the one who waited longest goes next), 2/1.
    expect(order[1]).not.toBe(order[0]);
    expect(order.slice(2)).toEqual(order.slice(0, 2));
    expect((await a.conversations()).length).toBe(2);
    expect((await b.conversations()).length).toBe(2);
    expect((await queue()).agents.filter((p) => p.accountId === a.id || p.accountId === b.id).map((p) => p.load)).toEqual([2, 2]);
  });

  it('keeps a customer waiting while every agent with the skill is at their limit, and gives it out when a place frees', async () => {
    const a = await online('agent_a', { max: 1 });
    const b = await online('agent_b', { max: 0 });
    const c = await online('agent_c', { skills: ['renewal'] });
    const first = await write('你好，想了解新车保险');
    expect(await assigneeOf(first)).toBe(a.id);
    const second = await write('我也想问新车保险');
    // A renewal customer behind it is served, so routing has run with the second one in the queue.
    expect(await assigneeOf(await write('续保的问题', 'renewal'))).toBe(c.id);
    const q = await queue();
    expect(q.waiting.map((w) => w.id)).toContain(second);
    expect(q.agents.find((p) => p.accountId === a.id)).toMatchObject({ load: 1, maxConversations: 1 });
    expect(await b.conversations()).toEqual([]);

    await closeAs(a.token, [first]);
    expect(await assigneeOf(second)).toBe(a.id);
    expect((await a.conversations()).map((x) => x.id)).toEqual([second]);
    expect(await b.conversations()).toEqual([]);
  });

  it('never gives a claim report to an agent without the claims skill: it waits for one who has it', async () => {
    const a = await online('agent_a', { skills: ['new_business', 'renewal', 'complaints'] });
    const report = await write('刚才在路口被追尾了，我要报案');
    const progress = await write('我想查一下理赔进度', 'claim_progress');
    const witness = await write('想问新车保险');
    expect(await assigneeOf(witness)).toBe(a.id);
    const waiting = (await queue()).waiting;
    expect(waiting.find((w) => w.id === report)).toMatchObject({ group: 'claims', priority: 2, state: 'waiting' });
    expect(waiting.find((w) => w.id === progress)).toMatchObject({ group: 'claims', priority: 0, state: 'waiting' });

    const b = await online('agent_b', { skills: ['claims'] });
    expect(await assigneeOf(report)).toBe(b.id);
    expect(await assigneeOf(progress)).toBe(b.id);
    expect((await a.conversations()).map((x) => x.id)).toEqual([witness]);
  });

  it('offers nothing new to an agent who is away, busy, offline or whose socket closed; the other agent gets it', async () => {
    let a = await online('agent_a', { status: 'away' });
    const b = await online('agent_b', { max: 10 });
    const arrive = async (what: string) => assigneeOf(await write('你好，咨询续保', 'renewal'), `the customer who wrote ${what}`);
    // A holds nothing and B more each time: only A's status keeps A from being the least loaded.
    expect(await arrive('while A was away')).toBe(b.id);
    for (const status of ['busy', 'offline'] as const) {
      expect((await a.setStatus(status)).status).toBe(200);
      expect(await arrive(`while A was ${status}`)).toBe(b.id);
    }
    a.close();
    await waitFor(async () => !(await queue()).agents.find((p) => p.accountId === a.id)!.connected, 10_000, 'A to disconnect');
    expect((await a.setStatus('online')).status).toBe(200);
    expect(await arrive('while A was online without a socket')).toBe(b.id);
    expect(await a.conversations()).toEqual([]);

    a = await online('agent_a');
    expect(await arrive('after A came back')).toBe(a.id);
    expect((await b.conversations()).length).toBe(4);
  });

  it('offers a returning customer (same visitor, same number) to the agent who served them last, even if another has less load', async () => {
    const a = await online('agent_a', { status: 'away' });
    const b = await online('agent_b');
    const web = await webChatCustomer(base, { name: '回头客' });
    const texter = sms();
    const webFirst = (await web.send('你好，咨询续保', 'renewal')).body.message.conversationId as string;
    const smsFirst = (await texter.send('你好，咨询续保')).conversationId;
    const other = await write('新车保险怎么买');
    for (const id of [webFirst, smsFirst, other]) expect(await assigneeOf(id)).toBe(b.id);
    await closeAs(b.token, [webFirst, smsFirst]);
    web.close();
    expect((await a.setStatus('online')).status).toBe(200); // A: load 0, B: load 1

    const back = await webChatCustomer(base, { returning: { visitorId: web.visitorId, visitorSecret: web.visitorSecret } });
    const webAgain = (await back.send('我又来了', 'renewal')).body.message.conversationId as string;
    expect(webAgain).not.toBe(webFirst);
    expect(await assigneeOf(webAgain)).toBe(b.id);
    const smsAgain = (await texter.send('还是续保的事')).conversationId;
    expect(smsAgain).not.toBe(smsFirst);
    expect(await assigneeOf(smsAgain)).toBe(b.id);
    // Somebody new goes to the least loaded.
    expect(await assigneeOf(await write('第一次来咨询'))).toBe(a.id);
    back.close();
  });

  it('serves claim reports first, then complaints, then the rest in the order they wrote', async () => {
    const normal1 = await write('你好，想咨询一下车险');
    const complaint = await write('我要投诉你们的服务态度');
    const report = await write('刚刚出险了，车被撞了，需要报案');
    const normal2 = await write('续保价格是多少');
    const normal3 = await write('新车怎么投保');
    const expected = [report, complaint, normal1, normal2, normal3];
    expect((await queue()).waiting.map((c) => c.id).filter((id) => expected.includes(id))).toEqual(expected);

    const a = await online('agent_a', { max: 1 });
    for (const next of expected.slice(0, 3)) {
      expect(await assigneeOf(next)).toBe(a.id);
      expect((await a.conversations()).map((c) => c.id)).toEqual([next]);
      await closeAs(a.token, [next]);
    }
  });

  it('under 50 concurrent arrivals serves by priority then arrival, each conversation once, nobody over their limit', async () => {
    const texts = Array.from({ length: 50 }, (_, i) => (i % 10 === 3 ? '发生事故了，我要报案' : i % 10 === 7 ? '我要投诉' : `咨询问题 ${i}`));
    const ids = (await Promise.all(texts.map((t) => sms().send(t)))).map((r) => r.conversationId);
    expect(new Set(ids).size).toBe(50);
    const mine = (await queue()).waiting.filter((c) => ids.includes(c.id));
    expect(mine).toHaveLength(50);
    expect(mine.map((c) => c.priority).sort()).toEqual([...Array(40).fill(0), ...Array(5).fill(1), ...Array(5).fill(2)]);
    const expected = [...mine].sort(queueOrder).map((c) => c.id);

    const agents: Agent[] = [];
    const owner = new Map<string, string>();
    const closed = new Set<string>();
    /** Wait until `target` conversations were given out, then check who holds what. */
    const settle = async (target: number) => {
      const held = await waitFor(async () => {
        const lists = await Promise.all(agents.map(async (a) => (await a.conversations()).map((c) => c.id).filter((id) => ids.includes(id))));
        return closed.size + lists.flat().length >= target ? lists : null;
      }, 10_000, `${target} conversations given out`);
      expect(closed.size + held.flat().length).toBe(target);
      expect(new Set([...closed, ...held.flat()])).toEqual(new Set(expected.slice(0, target)));
      held.forEach((list, i) => {
        expect(list.length).toBeLessThanOrEqual(5);
        for (const id of list) expect(owner.get(id) ?? agents[i]!.id).toBe(agents[i]!.id);
        for (const id of list) owner.set(id, agents[i]!.id);
      });
      const q = await queue();
      expect(new Set(q.waiting.map((c) => c.id).filter((id) => ids.includes(id)))).toEqual(new Set(expected.slice(target)));
      for (const p of q.agents) expect(p.load).toBeLessThanOrEqual(p.maxConversations);
      return held;
    };

    let held: string[][] = [];
    for (const login of ['agent_a', 'agent_b', 'agent_c']) {
      agents.push(await online(login));
      held = await settle(agents.length * 5);
    }
    while (closed.size < 50) {
      for (const [i, list] of held.entries()) {
        await closeAs(agents[i]!.token, list);
        for (const id of list) closed.add(id);
      }
      held = await settle(Math.min(50, closed.size + 15));
    }
    // Each conversation was announced (on the agents' sockets) as given to exactly one agent.
    const announced = () => agents.map((a) => new Set(a.events.filter((e: any) => e.type === 'conversation' && e.conversation.assigneeId === a.id).map((e: any) => e.conversation.id as string)));
    await waitFor(() => new Set(announced().flatMap((s) => [...s])).size === 50, 5_000, 'every assignment announced');
    expect(announced().reduce((n, s) => n + s.size, 0)).toBe(50);
    expect(new Set(announced().flatMap((s) => [...s]))).toEqual(new Set(ids));
  }, 60_000);

  it('sends an agent\'s customers back to the queue, in their first place, when the agent signs off as offline', async () => {
    const a = await online('agent_a');
    const first = await write('我想问问车损险');
    expect(await assigneeOf(first)).toBe(a.id);
    const b = await online('agent_b', { status: 'away' });
    expect((await a.setStatus('offline')).status).toBe(200);
    // Nobody online: the customer waits again, ahead of anyone who wrote after them.
    await waitFor(async () => (await queue()).waiting.some((c) => c.id === first), 10_000, 'the customer back in the queue');
    const later = await write('新车保险咨询');
    expect((await queue()).waiting.map((c) => c.id).filter((id) => id === first || id === later)).toEqual([first, later]);
    expect((await b.setStatus('online')).status).toBe(200);
    expect(await assigneeOf(first)).toBe(b.id);
  });

  it('refuses a lead\'s assignment to a colleague with no workstation connected (the customer would wait for nobody)', async () => {
    const a = await online('agent_a');
    const id = await write('请问怎么加保');
    expect(await assigneeOf(id)).toBe(a.id);
    const refused = await api(base, 'POST', `/api/conversations/${id}/assign`, { accountId: world.accounts.agent_c }, lead);
    expect(refused.status).toBe(409);
    expect((await conversation(id)).assigneeId).toBe(a.id);
  });

  it('does not hand a conversation transferred to a group straight back to the agent who passed it on', async () => {
    const a = await online('agent_a');
    const id = await write('我要咨询理赔进度');
    expect(await assigneeOf(id)).toBe(a.id);
    const b = await online('agent_b', { skills: ['claims'] });
    // A has room and every skill, and served this customer last; the claims specialist takes it all the same.
    expect((await api(base, 'POST', `/api/conversations/${id}/transfer`, { toGroup: 'claims', note: '请理赔专员跟进' }, a.token)).status).toBe(200);
    expect(await waitFor(async () => (await conversation(id)).assigneeId, 10_000, 'the transferred conversation assigned')).toBe(b.id);
  });
});
