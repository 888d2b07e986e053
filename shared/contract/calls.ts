/**
 * Every call the renderer may make, in one place. Preload exposes exactly
 * these as `window.desk.<area>.<action>`; the main process registers one
 * handler per entry and validates `input` before any service runs.
 */
import type { z } from 'zod';
import * as S from './schemas.js';
import * as SLA from './ticket-sla-schemas.js';
import * as Audit from './audit-schemas.js';
import * as Renewal from './renewal-schemas.js';
import * as Customer from './customer-schemas.js';
import * as Claim from './claim-schemas.js';
import * as Onsite from './onsite-schemas.js';

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallSpec<I, O> => ({ input, output });

export const deskCalls = {
  agent: {
    current: call(S.Empty, S.AgentProfile.nullable()),
    register: call(S.RegisterAgentInput, S.AgentProfile),
  },
  settings: {
    get: call(S.Empty, S.DeskSettings),
    setLocale: call(S.SetLocaleInput, S.DeskSettings),
  },
  conversations: {
    list: call(S.Empty, S.ConversationSummary.array()),
    messages: call(S.MessagePageInput, S.MessagePage),
    send: call(S.SendMessageInput, S.Message),
    markRead: call(S.ConversationRef, S.Ok),
    close: call(S.ConversationRef, S.Ok),
    saveDraft: call(S.SaveDraftInput, S.Ok),
    placeholderContext: call(S.ConversationRef, S.PlaceholderContext),
    logPhoneCall: call(S.LogPhoneCallInput, S.ConversationSummary),
    /** Send a failed reply again. */
    retry: call(S.RetryInput, S.Message),
    transfer: call(S.TransferInput, S.Ok),
    /** Colleagues a conversation can go to, with their status and load. */
    transferTargets: call(S.Empty, S.AgentPresence.array()),
    /** The agent is typing a reply (sent at most every couple of seconds). */
    typing: call(S.ConversationRef, S.Ok),
    /** The conversation on the agent's screen (null: none), for colleagues' "also viewing". */
    viewing: call(S.ViewingInput, S.Ok),
    linkCustomer: call(S.LinkCustomerInput, S.ConversationSummary),
    image: call(S.ImageRef, S.ImageData),
  },
  presence: {
    get: call(S.Empty, S.DeskPresence),
    set: call(S.SetPresenceInput, S.DeskPresence),
  },
  /** The team lead's live queue (leads only). */
  queue: {
    snapshot: call(S.Empty, S.QueueSnapshot),
    /** Assign, reassign, or take over (the lead's own account). */
    assign: call(S.QueueAssignInput, S.Ok),
    /** Listen in silently: read the conversation live without marking anything read. */
    listen: call(S.ConversationRef, S.ListenView),
    stopListening: call(S.Empty, S.Ok),
  },
  /** The audit log of the lead's office (leads only): search newest first, the chain check, the CSV export (itself audited). */
  audit: {
    search: call(Audit.AuditSearchInput, Audit.AuditPage),
    verify: call(S.Empty, Audit.AuditChainStatus),
    export: call(Audit.AuditFilters, Audit.AuditExport),
  },
  customers: {
    get: call(S.refObject('customerId'), S.CustomerProfile),
    /** A head-office conversation's customer, masked; coverages only while verified. */
    ofConversation: call(Customer.CustomerConversationRef, Customer.ConversationCustomer),
    /** Where the identity check (身份核实) of the conversation's customer stands. */
    verification: call(Customer.CustomerConversationRef, Customer.VerificationStatus),
    /** Send the customer a one-time code by SMS to the mobile number on record. */
    sendCode: call(Customer.CustomerConversationRef, Customer.VerificationStatus),
    /** One of the customer's answers (policy details, last four of the ID number, the SMS code). */
    answer: call(Customer.VerificationAnswerInput, Customer.VerificationResult),
    /** The clear record, only while the customer is verified for this conversation (audited at head office). */
    reveal: call(Customer.CustomerConversationRef, Customer.RevealedCustomer),
  },
  scripts: {
    list: call(S.ScriptListInput, S.Script.array()),
    search: call(S.ScriptSearchInput, S.Script.array()),
    createPersonal: call(S.PersonalScriptInput, S.Script),
    updatePersonal: call(S.PersonalScriptUpdate, S.Script),
    deletePersonal: call(S.ScriptRef, S.Ok),
  },
  knowledge: {
    search: call(S.KnowledgeSearchInput, S.KnowledgeHit.array()),
    get: call(S.ArticleRef, S.KnowledgeArticle),
  },
  tickets: {
    list: call(S.TicketListInput, S.TicketList),
    get: call(S.TicketRef, S.TicketDetail),
    create: call(S.CreateTicketInput, S.TicketDetail),
    transition: call(S.TransitionTicketInput, S.TicketDetail),
    addNote: call(S.TicketNoteInput, S.TicketDetail),
    edit: call(S.TicketEditInput, S.TicketDetail),
    /** Open tickets with a running deadline (the timers list; the renderer orders them by urgency). */
    running: call(S.Empty, S.Ticket.array()),
    /** Grade a complaint again (escalate, or a lead lowers it), with the reason. */
    setLevel: call(SLA.SetComplaintLevelInput, S.TicketDetail),
    /** Give a ticket an owner (leads), or take an unowned one (agents). */
    assign: call(SLA.AssignTicketInput, S.TicketDetail),
    /** The next step and its time (事不过夜). */
    setNextStep: call(SLA.NextStepInput, S.TicketDetail),
    /** Offices an on-site support request may go to (read at head office). */
    fieldOffices: call(S.Empty, Onsite.FieldOffice.array()),
  },
  /** Renewal reminder tasks (续保) of the agent's office, and cross-sell hints for a customer; both read at head office. */
  renewals: {
    tasks: call(Renewal.RenewalTasksInput, Renewal.RenewalTaskList),
    recordOutcome: call(Renewal.RenewalOutcomeInput, Renewal.RenewalTask),
    crossSell: call(Renewal.CrossSellInput, Renewal.CrossSellList),
  },
  /** Claims (报案): reported from a conversation with a linked customer, moved through their stages at head office. */
  claims: {
    report: call(Claim.ReportClaimInput, Claim.ClaimView),
    ofCustomer: call(Claim.ClaimsOfCustomerInput, Claim.ClaimList),
    get: call(Claim.ClaimRef, Claim.ClaimView),
    /** Move to the next stage with what its notification needs; the customer is told once. */
    advance: call(Claim.AdvanceClaimInput, Claim.ClaimView),
    /** 资料不全: ask the customer for missing materials, due in 24 hours. */
    requestMaterials: call(Claim.RequestMaterialsInput, Claim.ClaimView),
    materialsReceived: call(Claim.MaterialsReceivedInput, Claim.ClaimView),
    /** 转反欺诈: a ticket for the anti-fraud team, once per claim. */
    referToAntiFraud: call(Claim.FraudReferralInput, Claim.ClaimView),
  },
  sync: {
    status: call(S.Empty, S.SyncStatus),
    signIn: call(S.SignInInput, S.SyncStatus),
    signOut: call(S.Empty, S.SyncStatus),
    now: call(S.Empty, S.SyncStatus),
    notices: call(S.Empty, S.SyncNotice.array()),
    dismissNotice: call(S.refObject('noticeId'), S.Ok),
  },
} as const;

export type DeskCalls = typeof deskCalls;
export type DeskArea = keyof DeskCalls;
export type DeskAction<A extends DeskArea> = keyof DeskCalls[A] & string;

/** `area.action` names, the IPC channel suffixes and WebSocket call names. */
export function callNames(): string[] {
  return Object.entries(deskCalls).flatMap(([area, actions]) => Object.keys(actions).map((action) => `${area}.${action}`));
}

export function findCall(name: string): CallSpec | undefined {
  const [area, action, extra] = name.split('.');
  if (!area || !action || extra !== undefined) return undefined;
  if (!Object.hasOwn(deskCalls, area)) return undefined;
  const actions = deskCalls[area as DeskArea] as Record<string, CallSpec>;
  return Object.hasOwn(actions, action) ? actions[action] : undefined;
}
