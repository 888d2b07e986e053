/**
 * Live conversations through head office: what channels send in, what the
 * web chat page and the desks exchange with head office, and the live
 * socket messages. Times are head office's (ms since the epoch).
 */
import { z } from 'zod';
import { CHANNELS } from '../domain/channels.js';
import { AGENT_STATUSES, CHAT_TOPICS, SKILL_GROUPS } from '../domain/routing.js';
import { optionalText, visibleText } from '../contract/text.js';

const Id = z.string().uuid();
const At = z.number().int().nonnegative();
export const Channel = z.enum(CHANNELS);
export const SkillGroup = z.enum(SKILL_GROUPS);
export const AgentStatus = z.enum(AGENT_STATUSES);
export const ChatTopic = z.enum(CHAT_TOPICS);

/** Longest customer or agent message, in characters. */
export const MAX_MESSAGE_CHARS = 2000;
/** Largest picture a customer may send, in bytes. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;

/** Channels that reach head office through the signed webhook (the web chat is head office's own page). */
export const WEBHOOK_CHANNELS = ['app', 'wechat', 'weibo', 'sms'] as const;
export type WebhookChannel = (typeof WEBHOOK_CHANNELS)[number];

export const Location = z.strictObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  label: optionalText(200),
});

/** What a customer sent: text, a picture, or a place. */
export const InboundContent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: visibleText(MAX_MESSAGE_CHARS) }),
  z.strictObject({
    type: z.literal('image'),
    /** Where the channel keeps the picture (https), with an optional caption. */
    url: z.string().url().max(2000).refine((u) => u.startsWith('https://'), 'pictures are fetched over https'),
    caption: optionalText(200),
  }),
  z.strictObject({ type: z.literal('location'), location: Location }),
]);
export type InboundContent = z.infer<typeof InboundContent>;

/**
 * A channel's webhook delivery (POST /api/channels/<channel>/messages),
 * signed with the channel's secret: header `x-motordesk-timestamp` (unix
 * seconds) and `x-motordesk-signature: sha256=<hex HMAC-SHA256 of
 * "<timestamp>.<raw body>">`. The channel's message id makes a retried
 * delivery a no-op.
 */
export const InboundDelivery = z.strictObject({
  messageId: z.string().min(1).max(128),
  from: z.strictObject({ id: z.string().min(1).max(128), name: optionalText(40) }),
  topic: ChatTopic.optional(),
  content: InboundContent,
});
export type InboundDelivery = z.infer<typeof InboundDelivery>;

export const SIGNATURE_HEADER = 'x-motordesk-signature';
export const TIMESTAMP_HEADER = 'x-motordesk-timestamp';
/** A signed request older or newer than this is refused (a replayed capture). */
export const SIGNATURE_WINDOW_SECONDS = 300;

export const MessageKind = z.enum(['text', 'image', 'location']);
export const MessageDirection = z.enum(['in', 'out', 'note', 'system']);

/** One message as head office holds it. `seq` orders a conversation's messages, from 1, without gaps. */
export const ChatMessage = z.strictObject({
  id: Id,
  conversationId: Id,
  seq: z.number().int().positive(),
  direction: MessageDirection,
  kind: MessageKind,
  body: z.string(),
  /** For a picture, where to fetch it from head office; for a place, its coordinates. */
  imageId: Id.nullable(),
  location: Location.nullable(),
  authorName: z.string().nullable(),
  /** A notice from head office (direction `system`): which one, so the customer's page can say it in their language; `body` is the Chinese text. */
  notice: z.enum(['closed', 'transferred']).nullable(),
  /** The colleague a transfer went to, if one. */
  noticeArg: z.string().nullable(),
  at: At,
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const ConversationState = z.enum(['waiting', 'assigned', 'closed']);

/** A conversation as the desks and the lead's queue see it. */
export const LiveConversation = z.strictObject({
  id: Id,
  channel: Channel,
  state: ConversationState,
  group: SkillGroup,
  priority: z.number().int(),
  customerId: Id.nullable(),
  customerName: z.string(),
  /** Nobody has linked this channel identity to a customer record yet (潜在客户). */
  lead: z.boolean(),
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  lastSeq: z.number().int().nonnegative(),
  customerReadSeq: z.number().int().nonnegative(),
  /** When the customer's first message arrived; the first-response timer runs from here. */
  createdAt: At,
  /** When the customer started waiting in the queue (again, after a transfer to a group). */
  queuedAt: At,
  firstResponseAt: At.nullable(),
  /** The oldest customer message not yet answered. */
  awaitingReplySince: At.nullable(),
  lastMessageAt: At.nullable(),
  lastMessagePreview: z.string(),
  closedAt: At.nullable(),
  phoneCall: z.strictObject({ outcome: z.enum(['answered', 'callback', 'transferred', 'no_answer']), durationSeconds: z.number().int() }).nullable(),
});
export type LiveConversation = z.infer<typeof LiveConversation>;

export const MessagesAfter = z.strictObject({
  messages: z.array(ChatMessage),
  /** More messages follow the last one returned. */
  more: z.boolean(),
});
export type MessagesAfter = z.infer<typeof MessagesAfter>;

// ---- Desk → head office (HTTP, bearer token) ----

export const PresenceRequest = z.strictObject({ status: AgentStatus });
export const AgentPresence = z.strictObject({
  accountId: Id,
  displayName: z.string(),
  role: z.enum(['agent', 'lead', 'admin']),
  status: AgentStatus,
  /** A live socket from one of the agent's desks is open: only then are conversations offered. */
  connected: z.boolean(),
  skills: z.array(SkillGroup),
  maxConversations: z.number().int(),
  load: z.number().int(),
});
export type AgentPresence = z.infer<typeof AgentPresence>;

export const TransferRequest = z
  .strictObject({
    toAccountId: Id.optional(),
    toGroup: SkillGroup.optional(),
    note: visibleText(500),
  })
  .refine((t) => (t.toAccountId === undefined) !== (t.toGroup === undefined), 'transfer to one agent or one group');
export const AssignRequest = z.strictObject({ accountId: Id });
export const LinkCustomerRequest = z.strictObject({ phone: z.string().trim().regex(/^1\d{10}$/, 'an 11-digit mobile number') });

/** The team lead's live queue (组长监控台). */
export const QueueSnapshot = z.strictObject({
  at: At,
  waiting: z.array(LiveConversation),
  active: z.array(LiveConversation),
  agents: z.array(AgentPresence),
  /** Customers' ratings (CSAT) of the last 24 hours, in the lead's office. */
  satisfaction: z.strictObject({ rated: z.number().int(), average: z.number().nullable() }),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;

// ---- Web chat page → head office ----

export const WebChatStart = z.strictObject({
  /**
   * Kept by the page between visits (localStorage), so a returning customer
   * is recognised; the id counts only with the secret head office gave with it.
   */
  visitorId: Id.optional(),
  visitorSecret: z.string().min(20).max(100).optional(),
  name: optionalText(40),
  topic: ChatTopic.optional(),
});
/** `visitorSecret` comes only with a new visitor: the page keeps it, head office keeps only its hash. */
export const WebChatSession = z.strictObject({ visitorId: Id, visitorSecret: z.string().optional(), token: z.string() });
export const WebChatSend = z.strictObject({
  /** Made by the page for each message and reused on every retry: sending twice never shows twice. */
  clientMessageId: Id,
  topic: ChatTopic.optional(),
  content: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('text'), text: visibleText(MAX_MESSAGE_CHARS) }),
    z.strictObject({ type: z.literal('location'), location: Location }),
  ]),
});
export const WebChatRating = z.strictObject({ conversationId: Id, score: z.number().int().min(1).max(5), comment: optionalText(500) });

/** What the customer's page shows of its conversation. */
export const WebChatView = z.strictObject({
  conversationId: Id.nullable(),
  state: ConversationState.nullable(),
  agentName: z.string().nullable(),
  /** The highest seq the agent has read (for the page's "已读"). */
  agentReadSeq: z.number().int().nonnegative(),
  /** A closed conversation not yet rated (every resolved conversation invites a rating). */
  ratingOpenFor: Id.nullable(),
  messages: z.array(ChatMessage),
});
export type WebChatView = z.infer<typeof WebChatView>;

// ---- Live socket messages ----

/** Head office → desk, on /api/sync/live. */
export type DeskLiveMessage =
  | { type: 'hello'; scopes: string[]; now: number }
  | { type: 'poke'; scope: string }
  | { type: 'conversation'; conversation: LiveConversation }
  | { type: 'message'; message: ChatMessage }
  | { type: 'typing'; conversationId: string; who: string; side: 'customer' | 'agent' }
  | { type: 'viewers'; conversationId: string; viewers: { accountId: string; name: string; typing: boolean }[] }
  | { type: 'read'; conversationId: string; customerReadSeq: number }
  | { type: 'queue' };

/** Desk → head office, on /api/sync/live. */
export const DeskLiveCommand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('typing'), conversationId: Id }),
  /** The conversation on the agent's screen (null: none). `silent`: a lead listening in, unseen and not marking anything read. */
  z.strictObject({ type: z.literal('viewing'), conversationId: Id.nullable(), silent: z.boolean().default(false) }),
  z.strictObject({ type: z.literal('read'), conversationId: Id, seq: z.number().int().nonnegative() }),
]);
export type DeskLiveCommand = z.infer<typeof DeskLiveCommand>;

/** Head office → web chat page, on /api/webchat/live. */
export type WebChatLiveMessage =
  | { type: 'hello' }
  | { type: 'message'; message: ChatMessage }
  | { type: 'typing'; conversationId: string; name: string }
  | { type: 'read'; conversationId: string; agentReadSeq: number }
  | { type: 'state'; view: Omit<WebChatView, 'messages'> };

/** Web chat page → head office. */
export const WebChatLiveCommand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('typing') }),
  z.strictObject({ type: z.literal('read'), seq: z.number().int().nonnegative() }),
]);
export type WebChatLiveCommand = z.infer<typeof WebChatLiveCommand>;
