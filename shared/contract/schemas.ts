/**
 * Shapes that cross the renderer ↔ main boundary. Inputs are untrusted and
 * strict (unknown keys refused). Outputs are strict too and checked on
 * every call: a service that returned a field the contract does not name
 * (a raw phone number, say) fails loudly instead of leaking it.
 */
import { z } from 'zod';
import { freeText, optionalText, visibleText } from './text.js';
import { PLACEHOLDER_KEYS } from '../domain/placeholders.js';
import { CHANNELS } from '../domain/channels.js';
import { EDITABLE_TICKET_FIELDS, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../domain/ticket-status.js';
import { ComplaintLevelField, SatisfactionInput, TICKET_SLA_FIELDS } from './ticket-sla-schemas.js';
import { ONSITE_TICKET_FIELDS } from './onsite-schemas.js';
import { TICKET_EVENT_KINDS } from '../head-office/sync.js';
import { AGENT_STATUSES, SKILL_GROUPS } from '../domain/routing.js';
import { AgentPresence, ChatMessage, LiveConversation, Location, QueueSnapshot, TransferRequest } from '../head-office/conversations.js';

export const Id = z.string().uuid();
/** Longest reply, draft, call note or description an agent can write. */
export const MAX_TEXT_LENGTH = 4000;
export const CALL_OUTCOMES = ['answered', 'callback', 'transferred', 'no_answer'] as const;
export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;
export const Channel = z.enum(CHANNELS);
export const TicketStatus = z.enum(TICKET_STATUSES);
export const TicketType = z.enum(TICKET_TYPES);
export const TicketPriority = z.enum(TICKET_PRIORITIES);
export const ScriptStage = z.enum([
  'greeting',
  'identity',
  'claimReport',
  'claimSpecial',
  'materials',
  'claimProgress',
  'consult',
  'complaintApology',
  'complaintSoothe',
  'complaintSolution',
  'renewal',
  'crossSell',
  'privacy',
  'closing',
]);
export type ScriptStage = z.infer<typeof ScriptStage>;

/** Trimmed, bounded text typed by an agent, with at least one visible character. */
const Text = visibleText;

export const AgentProfile = z.strictObject({
  id: Id,
  code: z.string(),
  displayName: z.string(),
  role: z.enum(['agent', 'lead']),
  createdAt: z.number(),
});
export type AgentProfile = z.infer<typeof AgentProfile>;

export const RegisterAgentInput = z.strictObject({
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{2,32}$/),
  displayName: Text(40),
});

export const ConversationSummary = z.strictObject({
  id: Id,
  channel: Channel,
  status: z.enum(['open', 'closed']),
  customerId: Id.nullable(),
  customerName: z.string(),
  subject: z.string(),
  lastMessageAt: z.number().nullable(),
  lastMessagePreview: z.string(),
  unreadCount: z.number().int(),
  awaitingReplySince: z.number().nullable(),
  firstResponseAt: z.number().nullable(),
  draft: z.string(),
  /** Set for conversations of channel `phone`, which the agent logs after the call. */
  phoneCall: z.strictObject({ outcome: z.enum(CALL_OUTCOMES), durationSeconds: z.number().int() }).nullable(),
  /** Routed by head office: its skill group and queue priority (null on a standalone desk). */
  group: z.enum(SKILL_GROUPS).nullable(),
  priority: z.number().int(),
  /** The customer wrote from a channel identity not yet linked to a customer record (潜在客户). */
  lead: z.boolean(),
  /** The number of the conversation's last message on this desk; a reply carries the highest one the agent had on screen as `seenSeq`. */
  lastSeq: z.number().int(),
  /** How the customer's latest message sounds (keywords and punctuation): soothing scripts are offered. */
  mood: z.enum(['angry', 'anxious']).nullable(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const Message = z.strictObject({
  id: Id,
  conversationId: Id,
  seq: z.number().int(),
  /** `system`: head office told the customer (a transfer, the end of the service). */
  direction: z.enum(['in', 'out', 'note', 'system']),
  body: z.string(),
  sentAt: z.number(),
  authorName: z.string().nullable(),
  kind: z.enum(['text', 'image', 'location']),
  /** A reply's way to the customer: queued here, accepted by head office, read by the customer, or refused. Null for other messages. */
  state: z.enum(['sending', 'sent', 'read', 'failed']).nullable(),
  /** Why head office refused a failed reply. */
  failure: z.string().nullable(),
  imageId: Id.nullable(),
  location: Location.nullable(),
  /** For a `system` message: which notice it is, so the agent reads it in their language (`body` is what the customer was sent). */
  notice: z.enum(['closed', 'transferred']).nullable(),
  noticeArg: z.string().nullable(),
});
export type Message = z.infer<typeof Message>;

export const MessagePage = z.strictObject({
  messages: z.array(Message),
  /** True while older messages remain before the first one returned. */
  hasOlder: z.boolean(),
});
export type MessagePage = z.infer<typeof MessagePage>;

export const MessagePageInput = z.strictObject({
  conversationId: Id,
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const SendMessageInput = z.strictObject({
  conversationId: Id,
  body: Text(MAX_TEXT_LENGTH),
  /** Scripts inserted into this reply, for usage statistics. */
  scriptIds: z.array(Id).max(20).default([]),
  /**
   * The last message number on the agent's screen when they sent. If the
   * customer or a colleague wrote since, the reply is held (CONVERSATION_CHANGED)
   * until the agent has looked, so nobody answers a question twice.
   */
  seenSeq: z.number().int().nonnegative().optional(),
  /** Forbidden phrases (禁忌用语) the agent chose to send all the same; head office records the choice. */
  confirmedWording: z.array(z.string().max(20)).max(20).optional(),
});
export const MessageRef = z.strictObject({ conversationId: Id, messageId: Id });
/** Sending a failed reply again is held like a new one if others wrote since the agent last looked. */
export const RetryInput = MessageRef.extend({ seenSeq: z.number().int().nonnegative().optional() });

export const SaveDraftInput = z.strictObject({ conversationId: Id, draft: freeText(MAX_TEXT_LENGTH) });
export const ConversationRef = z.strictObject({ conversationId: Id });

export const LogPhoneCallInput = z.strictObject({
  customerId: Id.nullable(),
  callerName: Text(40),
  notes: Text(MAX_TEXT_LENGTH),
  durationSeconds: z.number().int().min(0).max(24 * 3600),
  outcome: z.enum(CALL_OUTCOMES),
});

/** Only the named placeholders: nothing else (a raw identifier, say) can ride along. */
export const PlaceholderContext = z.partialRecord(z.enum(PLACEHOLDER_KEYS), z.string());

export const Vehicle = z.strictObject({
  id: Id,
  plateMasked: z.string(),
  model: z.string(),
  firstRegisteredOn: z.string(),
});

export const Policy = z.strictObject({
  id: Id,
  policyNoMasked: z.string(),
  kind: z.enum(['compulsory', 'commercial']),
  coverages: z.array(z.string()),
  startsOn: z.string(),
  expiresOn: z.string(),
  status: z.enum(['active', 'expired', 'cancelled']),
});

export const CustomerProfile = z.strictObject({
  id: Id,
  name: z.string(),
  phoneMasked: z.string(),
  idNumberMasked: z.string(),
  city: z.string(),
  segment: z.string(),
  vehicles: z.array(Vehicle),
  policies: z.array(Policy),
});
export type CustomerProfile = z.infer<typeof CustomerProfile>;

export const Script = z.strictObject({
  id: Id,
  code: z.string().nullable(),
  scope: z.enum(['team', 'personal']),
  stage: ScriptStage,
  title: z.string(),
  body: z.string(),
  shortcut: z.string(),
  useCount: z.number().int(),
  editable: z.boolean(),
});
export type Script = z.infer<typeof Script>;

export const ScriptListInput = z.strictObject({
  locale: Locale,
  stage: ScriptStage.optional(),
  scope: z.enum(['team', 'personal']).optional(),
});

export const ScriptSearchInput = z.strictObject({
  locale: Locale,
  /** Free text, or `/` followed by pinyin initials of the title. */
  query: Text(100),
  limit: z.number().int().min(1).max(50).default(10),
});

export const PersonalScriptInput = z.strictObject({
  stage: ScriptStage,
  title: Text(60),
  body: Text(2000),
});
export const PersonalScriptUpdate = PersonalScriptInput.extend({ scriptId: Id });
export const ScriptRef = z.strictObject({ scriptId: Id });

export const KnowledgeHit = z.strictObject({
  id: Id,
  code: z.string(),
  topic: z.string(),
  title: z.string(),
  snippet: z.string(),
  score: z.number(),
});
export type KnowledgeHit = z.infer<typeof KnowledgeHit>;

export const KnowledgeSearchInput = z.strictObject({
  locale: Locale,
  query: Text(200),
  limit: z.number().int().min(1).max(50).default(10),
});

export const KnowledgeArticle = z.strictObject({
  id: Id,
  code: z.string(),
  topic: z.string(),
  title: z.string(),
  body: z.string(),
  keywords: z.array(z.string()),
  useCount: z.number().int(),
});
export type KnowledgeArticle = z.infer<typeof KnowledgeArticle>;

export const ArticleRef = z.strictObject({
  articleId: Id,
  locale: Locale,
  /** False when the agent only re-reads an open article (say, after a language switch). */
  countUse: z.boolean().default(true),
});

export const Ticket = z.strictObject({
  id: Id,
  ticketNo: z.string(),
  type: TicketType,
  category: z.string(),
  priority: TicketPriority,
  status: TicketStatus,
  title: z.string(),
  description: z.string(),
  customerId: Id.nullable(),
  customerName: z.string().nullable(),
  conversationId: Id.nullable(),
  ownerName: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  allowedNext: z.array(TicketStatus),
  ...TICKET_SLA_FIELDS,
  ...ONSITE_TICKET_FIELDS,
});
export type Ticket = z.infer<typeof Ticket>;

export const TicketEvent = z.strictObject({
  id: Id,
  kind: z.enum(TICKET_EVENT_KINDS),
  /** The field an edit changed. */
  field: z.enum(EDITABLE_TICKET_FIELDS).nullable(),
  fromValue: z.string().nullable(),
  toValue: z.string().nullable(),
  note: z.string().nullable(),
  agentName: z.string().nullable(),
  at: z.number(),
});
export type TicketEvent = z.infer<typeof TicketEvent>;

export const TicketDetail = Ticket.extend({ events: z.array(TicketEvent) });
export type TicketDetail = z.infer<typeof TicketDetail>;

export const TicketListInput = z.strictObject({
  statuses: z.array(TicketStatus).max(TICKET_STATUSES.length).optional(),
  type: TicketType.optional(),
  priority: TicketPriority.optional(),
  /** One customer's tickets (the customer panel, duplicate warnings). */
  customerId: Id.optional(),
  text: z.string().trim().max(100).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

export const TicketList = z.strictObject({ items: z.array(Ticket), total: z.number().int() });
export type TicketList = z.infer<typeof TicketList>;

export const CreateTicketInput = z.strictObject({
  type: TicketType,
  category: Text(40),
  priority: TicketPriority,
  title: Text(120),
  description: freeText(MAX_TEXT_LENGTH).transform((d) => d.trim()).default(''),
  conversationId: Id.nullable().default(null),
  /** A complaint's level (1–3); a complaint without one is level 1. */
  complaintLevel: ComplaintLevelField.optional(),
  /** On-site support: the field office asked to visit (another office than the agent's). */
  fieldOfficeId: Id.optional(),
});

export const TransitionTicketInput = z.strictObject({
  ticketId: Id,
  to: TicketStatus,
  /** Optional; a note with nothing visible in it is no note. */
  note: optionalText(2000),
  /** Closing a solved complaint: the customer's satisfaction from the call back (回访). */
  satisfaction: SatisfactionInput.optional(),
});

export const TicketNoteInput = z.strictObject({ ticketId: Id, note: Text(2000) });

/** One field of a ticket; the value is checked against that field's own rule. */
export const TicketEditInput = z.discriminatedUnion('field', [
  z.strictObject({ ticketId: Id, field: z.literal('priority'), value: TicketPriority }),
  z.strictObject({ ticketId: Id, field: z.literal('category'), value: Text(40) }),
  z.strictObject({ ticketId: Id, field: z.literal('title'), value: Text(120) }),
]);

/** Head office, as the agent at this desk sees it. */
export const SyncStatus = z.strictObject({
  /** False on a desk run without a head office (a standalone workstation). */
  headOffice: z.boolean(),
  connection: z.enum(['signedOut', 'online', 'offline', 'signInRequired']),
  account: z.strictObject({ login: z.string(), displayName: z.string(), role: z.enum(['agent', 'lead', 'admin']) }).nullable(),
  /** Changes waiting for head office. */
  pending: z.number().int(),
  /** Changes kept until head office accepts their kind (messages, personal scripts, use counts). */
  held: z.number().int(),
  lastSyncedAt: z.number().nullable(),
  lastError: z.string().nullable(),
  /** Changes received so far by the sync under way (0 when none runs). */
  pulling: z.number().int(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SignInInput = z.strictObject({
  login: z.string().trim().regex(/^[A-Za-z0-9_.-]{2,32}$/, 'a login is 2–32 letters, digits, _ . or -'),
  password: z.string().min(1).max(200),
});

/** A change head office refused, for the agent to read (and, for a conflict, both values). */
export const SyncNotice = z.strictObject({
  id: Id,
  mutation: z.string(),
  ticketId: Id.nullable(),
  ticketNo: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  conflict: z.strictObject({ field: z.string(), yours: z.string(), theirs: z.string(), by: z.string().nullable() }).nullable(),
  at: z.number(),
});
export type SyncNotice = z.infer<typeof SyncNotice>;
export const TicketRef = z.strictObject({ ticketId: Id });

export const DeskSettings = z.strictObject({ locale: Locale, companyName: z.string() });
export type DeskSettings = z.infer<typeof DeskSettings>;
export const SetLocaleInput = z.strictObject({ locale: Locale });

export const Empty = z.strictObject({}).default({});
export const Ok = z.strictObject({ ok: z.literal(true) });

/** `{ <key>: uuid }`, the shape of a by-id lookup. */
export function refObject<K extends string>(key: K) {
  return z.strictObject({ [key]: Id } as { [P in K]: typeof Id });
}

// ---- Live conversations through head office ----

export const SkillGroup = z.enum(SKILL_GROUPS);
export const AgentStatus = z.enum(AGENT_STATUSES);

/** The agent's routing status, and whether head office can offer them conversations right now. */
export const DeskPresence = z.strictObject({
  status: AgentStatus,
  /** The live link to head office is up (conversations are offered only then). */
  connected: z.boolean(),
});
export type DeskPresence = z.infer<typeof DeskPresence>;
export const SetPresenceInput = z.strictObject({ status: AgentStatus });

export const TransferInput = z.intersection(z.strictObject({ conversationId: Id }), TransferRequest);
export { AgentPresence, ChatMessage, LiveConversation };
export { QueueSnapshot };
export const QueueAssignInput = z.strictObject({ conversationId: Id, accountId: Id });
/** A lead listening in: the conversation and its messages, read without marking anything read. */
export const ListenView = z.strictObject({ conversation: LiveConversation, messages: z.array(ChatMessage) });
export type ListenView = z.infer<typeof ListenView>;
export const ViewingInput = z.strictObject({ conversationId: Id.nullable() });
export const LinkCustomerInput = z.strictObject({ conversationId: Id, phone: z.string().trim().regex(/^1\d{10}$/, 'an 11-digit mobile number') });
export const ImageRef = z.strictObject({ conversationId: Id, imageId: Id });
export const ImageData = z.strictObject({ dataUrl: z.string() });
