import { uuidv7 } from '../../../shared/domain/ids.js';
import type { Channel } from '../../../shared/domain/channels.js';
import type { Desk } from '../app/create-desk.js';
import { appendMessage } from '../features/conversations/conversation-store.js';

/** Small deterministic PRNG so a demo set is the same on every machine. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '建国', '海燕', '志强'];
const CITIES: [string, string, string][] = [
  ['南京', '苏A', '320102'],
  ['苏州', '苏E', '320505'],
  ['杭州', '浙A', '330106'],
  ['上海', '沪B', '310115'],
  ['广州', '粤A', '440106'],
  ['成都', '川A', '510107'],
  ['沈阳', '辽A', '210102'],
  ['西安', '陕A', '610113'],
];
const MODELS = ['大众朗逸 1.5L', '丰田卡罗拉 1.2T', '本田雅阁 2.0L', '比亚迪汉 EV', '宝马530Li', '奔驰E300L', '特斯拉Model 3', '吉利星瑞', '哈弗H6', '奥迪A6L'];
const COVERAGE_SETS = [
  ['车损险', '三者险 200万', '车上人员责任险'],
  ['车损险', '三者险 100万'],
  ['车损险', '三者险 300万', '车上人员责任险', '玻璃单独破碎险', '涉水险'],
  ['三者险 150万', '自燃险'],
];

interface DemoConversation {
  channel: Channel;
  subject: string;
  lines: ['in' | 'out', string][];
}

const CONVERSATIONS: DemoConversation[] = [
  {
    channel: 'wechat',
    subject: '追尾报案',
    lines: [
      ['in', '你好，我刚在高架上被后车追尾了，人没事，车尾撞坏了'],
      ['in', '现在该怎么办？要报案吗'],
    ],
  },
  {
    channel: 'app',
    subject: '续保咨询',
    lines: [
      ['in', '我的保险下个月到期，今年续保保费为什么涨了？'],
      ['out', '您好，我是客服专员，很高兴为您服务。让我为您查询一下保单情况。'],
      ['in', '好的，去年我出过两次险'],
    ],
  },
  {
    channel: 'webchat',
    subject: '理赔进度',
    lines: [
      ['in', '上周报的案，定损已经做完了，赔款什么时候到账？'],
    ],
  },
  {
    channel: 'weibo',
    subject: '投诉理赔慢',
    lines: [
      ['in', '理赔拖了半个月还没结果！！！你们到底管不管？'],
      ['out', '非常抱歉给您带来这样的困扰，我理解您现在的心情，请您私信提供报案号，我马上为您核实。'],
    ],
  },
  {
    channel: 'sms',
    subject: '暴雨泡水',
    lines: [
      ['in', '昨晚暴雨车被水淹了，发动机进水能赔吗？我买了涉水险'],
    ],
  },
  {
    channel: 'app',
    subject: '三者险保额',
    lines: [
      ['in', '三者险买100万够不够？在上海开车'],
      ['out', '您好，三者险保障的是事故中第三方的人身伤亡和财产损失，城市道路建议适当提高保额。'],
      ['in', '那200万和300万差多少钱'],
    ],
  },
];

const TICKETS: { type: 'consultation' | 'claim_followup' | 'complaint' | 'onsite_support'; category: string; priority: 'low' | 'normal' | 'high' | 'urgent'; status: 'new' | 'in_progress' | 'pending_customer' | 'resolved' | 'closed'; title: string }[] = [
  { type: 'claim_followup', category: '交通事故', priority: 'high', status: 'in_progress', title: '追尾事故定损进度跟进' },
  { type: 'complaint', category: '理赔时效', priority: 'urgent', status: 'new', title: '客户投诉理赔超过半个月未结案' },
  { type: 'consultation', category: '续保', priority: 'normal', status: 'pending_customer', title: '续保保费上涨原因说明' },
  { type: 'onsite_support', category: '资料收集', priority: 'normal', status: 'in_progress', title: '老年客户需网点上门协助提交理赔资料' },
  { type: 'claim_followup', category: '自然灾害', priority: 'high', status: 'new', title: '暴雨水淹车辆理赔材料提示' },
  { type: 'consultation', category: '新保咨询', priority: 'low', status: 'resolved', title: '三者险保额选择建议' },
  { type: 'complaint', category: '服务态度', priority: 'normal', status: 'closed', title: '客户对回复速度不满，已致歉并回访' },
  { type: 'claim_followup', category: '车辆盗抢', priority: 'normal', status: 'pending_customer', title: '盗抢案件等待公安未找回证明' },
];

export interface DemoOptions {
  customers?: number;
  /** Also create one conversation with this many messages (paging demo). */
  longConversationMessages?: number;
  now?: number;
}

/**
 * A realistic working set for trying the product: customers with vehicles
 * and policies, open conversations on several channels, tickets in every
 * state. Only on request (`npm run demo:seed`, `start:web -- --demo`).
 */
export function seedDemoData(desk: Desk, options: DemoOptions = {}): { customers: number; conversations: number; tickets: number } {
  const rand = prng(20261125);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
  const now = options.now ?? Date.now();
  const db = desk.db;
  const agent = desk.services.agents.current() ?? desk.services.agents.register({ code: 'demo01', displayName: '演示坐席 小王' });
  if (!desk.services.settings.get().companyName) desk.services.settings.setCompanyName('安行财产保险');

  const customerIds: { id: string; name: string }[] = [];
  const count = options.customers ?? 40;
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const [city, platePrefix, area] = pick(CITIES);
      const name = pick(SURNAMES) + pick(GIVEN);
      const id = uuidv7(now - i);
      const birth = `19${60 + Math.floor(rand() * 40)}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
      db.prepare(
        `INSERT INTO customers (id, name, phone, id_number, city, segment, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, name, `13${digits(9)}`, `${area}${birth}${digits(3)}${rand() < 0.1 ? 'X' : digits(1)}`, city, rand() < 0.15 ? 'premium' : 'standard', now, now);
      const vehicleId = uuidv7(now - i);
      const year = 2014 + Math.floor(rand() * 11);
      db.prepare('INSERT INTO vehicles (id, customer_id, plate, model, first_registered_on) VALUES (?, ?, ?, ?, ?)').run(
        vehicleId,
        id,
        `${platePrefix}·${String.fromCharCode(65 + Math.floor(rand() * 26))}${digits(4)}`,
        pick(MODELS),
        `${year}-0${1 + Math.floor(rand() * 9)}-15`,
      );
      const expires = new Date(now + (Math.floor(rand() * 120) - 20) * 86_400_000);
      const starts = new Date(expires.getTime() - 365 * 86_400_000);
      const day = (d: Date) => d.toISOString().slice(0, 10);
      const status = expires.getTime() < now ? 'expired' : 'active';
      db.prepare(
        `INSERT INTO policies (id, customer_id, vehicle_id, policy_no, kind, coverages, starts_on, expires_on, status) VALUES (?, ?, ?, ?, 'compulsory', '["交强险"]', ?, ?, ?)`,
      ).run(uuidv7(now), id, vehicleId, `PDZA${year}${digits(12)}`, day(starts), day(expires), status);
      db.prepare(
        `INSERT INTO policies (id, customer_id, vehicle_id, policy_no, kind, coverages, starts_on, expires_on, status) VALUES (?, ?, ?, ?, 'commercial', ?, ?, ?, ?)`,
      ).run(uuidv7(now), id, vehicleId, `PDAA${year}${digits(12)}`, JSON.stringify(pick(COVERAGE_SETS)), day(starts), day(expires), status);
      customerIds.push({ id, name });
    }
  })();

  const conversationIds: string[] = [];
  db.transaction(() => {
    CONVERSATIONS.forEach((c, i) => {
      const customer = customerIds[i % customerIds.length]!;
      const id = uuidv7(now - 600_000 + i);
      const startedAt = now - (CONVERSATIONS.length - i) * 47_000;
      db.prepare(
        `INSERT INTO conversations (id, customer_id, customer_name, channel, status, subject, created_at, updated_at) VALUES (?, ?, ?, ?, 'open', ?, ?, ?)`,
      ).run(id, customer.id, customer.name, c.channel, c.subject, startedAt, startedAt);
      c.lines.forEach(([direction, body], j) => {
        appendMessage(db, { id: uuidv7(startedAt + j), conversationId: id, direction, body, authorAgentId: direction === 'out' ? agent.id : null, at: startedAt + j * 9_000 });
      });
      conversationIds.push(id);
    });
  })();

  if (options.longConversationMessages) {
    const customer = customerIds[0]!;
    const id = uuidv7(now);
    const start = now - options.longConversationMessages * 60_000;
    db.transaction(() => {
      db.prepare(
        `INSERT INTO conversations (id, customer_id, customer_name, channel, status, subject, created_at, updated_at) VALUES (?, ?, ?, 'app', 'open', '长期服务记录', ?, ?)`,
      ).run(id, customer.id, customer.name, start, start);
      for (let k = 0; k < options.longConversationMessages!; k++) {
        const inbound = k % 2 === 0;
        appendMessage(db, {
          id: uuidv7(start + k),
          conversationId: id,
          direction: inbound ? 'in' : 'out',
          body: inbound ? `第${k + 1}条：请问我的理赔资料还缺什么？` : `第${k + 1}条：您好，还需要补充维修发票和事故认定书。`,
          authorAgentId: inbound ? null : agent.id,
          at: start + k * 60_000,
        });
      }
    })();
    conversationIds.push(id);
  }

  for (const [i, t] of TICKETS.entries()) {
    const conversationId = conversationIds[i % CONVERSATIONS.length]!;
    const created = desk.services.tickets.create({ type: t.type, category: t.category, priority: t.priority, title: t.title, description: '', conversationId });
    const path: Record<string, string[]> = {
      new: [],
      in_progress: ['in_progress'],
      pending_customer: ['in_progress', 'pending_customer'],
      resolved: ['in_progress', 'resolved'],
      closed: ['in_progress', 'resolved', 'closed'],
    };
    for (const to of path[t.status]!) {
      // A solved complaint is closed after the call back (回访), with the customer's satisfaction.
      const callBack = to === 'closed' && t.type === 'complaint' ? { satisfaction: { rating: 'satisfied' as const, note: '客户对处理结果表示满意' } } : {};
      desk.services.tickets.transition({ ticketId: created.id, to: to as 'in_progress', ...callBack });
    }
  }

  return { customers: count, conversations: conversationIds.length, tickets: TICKETS.length };
}
