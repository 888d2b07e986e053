import type { z } from 'zod';
import type { DeskCalls } from '../../../shared/contract/calls.js';
import type { AgentService } from '../features/agents/agent-service.js';
import type { ConversationService } from '../features/conversations/conversation-service.js';
import type { createCustomerService } from '../features/customers/customer-service.js';
import type { createKnowledgeService } from '../features/knowledge/knowledge-service.js';
import type { createScriptService } from '../features/scripts/script-service.js';
import type { SettingsService } from '../features/settings/settings-service.js';
import type { createTicketService } from '../features/tickets/ticket-service.js';
import type { HeadOfficeSession } from '../sync/head-office-session.js';
import { createAuditService } from '../features/audit/audit-service.js';
import { createRenewalService } from '../features/renewals/renewal-service.js';
import { fieldOffices } from '../features/tickets/field-offices.js';
import { createClaimService } from '../features/claims/claim-service.js';
import { createHeadOfficeCustomers, noHeadOfficeCustomers } from '../features/customers/head-office-customers.js';
import { DeskError } from '../../../shared/contract/errors.js';
import type { SyncStatus } from '../../../shared/contract/schemas.js';

export interface DeskServices {
  agents: AgentService;
  settings: SettingsService;
  conversations: ConversationService;
  customers: ReturnType<typeof createCustomerService>;
  scripts: ReturnType<typeof createScriptService>;
  knowledge: ReturnType<typeof createKnowledgeService>;
  tickets: ReturnType<typeof createTicketService>;
  headOffice: HeadOfficeSession | null;
}

/** One handler per contract entry; input is already validated and typed. */
export type DeskHandlers = {
  [A in keyof DeskCalls]: {
    [K in keyof DeskCalls[A]]: DeskCalls[A][K] extends { input: infer I extends z.ZodType; output: infer O extends z.ZodType }
      ? (input: z.output<I>) => z.input<O> | Promise<z.input<O>>
      : never;
  };
};

export function createHandlers(s: DeskServices): DeskHandlers {
  const locale = () => s.settings.get().locale;
  const headOffice = (): HeadOfficeSession => {
    if (!s.headOffice) throw new DeskError('CONFLICT', 'this workstation runs without a head office');
    return s.headOffice;
  };
  const live = () => {
    if (!s.headOffice) throw new DeskError('NO_HEAD_OFFICE', 'live conversations need a head office');
    return s.headOffice.live;
  };
  // The audit log lives only at head office (the lead's office's entries, read on demand).
  const audit = () => {
    if (!s.headOffice) throw new DeskError('NO_HEAD_OFFICE', 'the audit log needs a head office');
    return createAuditService(s.headOffice.client);
  };
  // Renewal tasks and cross-sell hints are read at head office each time.
  const renewals = () => {
    const session = s.headOffice;
    if (!session) throw new DeskError('NO_HEAD_OFFICE', 'renewal tasks need a head office');
    return createRenewalService(() => session.client);
  };
  // Claims live at head office: numbered, staged and notified there.
  const claims = () => {
    const session = s.headOffice;
    if (!session) throw new DeskError('NO_HEAD_OFFICE', 'claim reports need a head office');
    return createClaimService(() => session.client);
  };
  // A head-office conversation's customer and the identity check are read at head office each time, never cached.
  const headOfficeCustomers = () => (s.headOffice ? createHeadOfficeCustomers(s.headOffice.client) : noHeadOfficeCustomers());
  return {
    agent: {
      current: () => s.agents.current(),
      register: (i) => s.agents.register(i),
    },
    settings: {
      get: () => s.settings.get(),
      setLocale: (i) => s.settings.setLocale(i.locale),
    },
    conversations: {
      list: () => s.conversations.list(),
      messages: (i) => s.conversations.messages(i),
      send: (i) => s.conversations.send(i),
      markRead: (i) => {
        const ok = s.conversations.markRead(i.conversationId);
        s.headOffice?.live.read(i.conversationId);
        return ok;
      },
      close: (i) => s.conversations.close(i.conversationId),
      saveDraft: (i) => s.conversations.saveDraft(i.conversationId, i.draft),
      placeholderContext: (i) => s.conversations.placeholderContext(i.conversationId),
      logPhoneCall: (i) => s.conversations.logPhoneCall(i),
      retry: (i) => s.conversations.retry(i),
      transfer: (i) => live().transfer(i),
      transferTargets: () => live().transferTargets(),
      typing: (i) => s.headOffice?.live.typing(i.conversationId) ?? { ok: true },
      viewing: (i) => s.headOffice?.live.viewing(i.conversationId) ?? { ok: true },
      linkCustomer: (i) => live().linkCustomer(i.conversationId, i.phone),
      image: (i) => live().image(i.conversationId, i.imageId),
    },
    presence: {
      get: () => live().presence(),
      set: (i) => live().setPresence(i.status),
    },
    queue: {
      snapshot: () => live().queue(),
      assign: (i) => live().assign(i.conversationId, i.accountId),
      listen: (i) => live().listen(i.conversationId),
      stopListening: () => live().stopListening(),
    },
    audit: {
      search: (i) => audit().search(i),
      verify: () => audit().verify(),
      export: (i) => audit().export(i),
    },
    renewals: {
      tasks: (i) => renewals().tasks(i.due),
      recordOutcome: (i) => renewals().recordOutcome(i),
      crossSell: (i) => renewals().crossSell(i.customerId),
    },
    customers: {
      get: (i) => s.customers.get(i.customerId),
      ofConversation: (i) => headOfficeCustomers().ofConversation(i.conversationId),
      verification: (i) => headOfficeCustomers().verification(i.conversationId),
      sendCode: (i) => headOfficeCustomers().sendCode(i.conversationId),
      answer: (i) => headOfficeCustomers().answer(i.conversationId, i.step, i.answer),
      reveal: (i) => headOfficeCustomers().reveal(i.conversationId),
    },
    claims: {
      report: (i) => claims().report(i),
      ofCustomer: (i) => claims().ofCustomer(i.customerId),
      get: (i) => claims().get(i.claimId),
      advance: (i) => claims().advance(i),
      requestMaterials: (i) => claims().requestMaterials(i),
      materialsReceived: (i) => claims().materialsReceived(i.claimId, i.requestId),
      referToAntiFraud: (i) => claims().referToAntiFraud(i.claimId, i.referral),
    },
    scripts: {
      list: (i) => s.scripts.list(i),
      search: (i) => s.scripts.search(i),
      createPersonal: (i) => s.scripts.createPersonal(i, locale()),
      updatePersonal: (i) => s.scripts.updatePersonal(i, locale()),
      deletePersonal: (i) => s.scripts.deletePersonal(i.scriptId),
    },
    knowledge: {
      search: (i) => s.knowledge.search(i),
      get: (i) => s.knowledge.get(i.articleId, i.locale, i.countUse),
    },
    tickets: {
      list: (i) => s.tickets.list(i),
      get: (i) => s.tickets.get(i.ticketId),
      create: (i) => s.tickets.create(i),
      transition: (i) => s.tickets.transition(i),
      addNote: (i) => s.tickets.addNote(i),
      edit: (i) => s.tickets.edit(i),
      running: () => s.tickets.running(),
      setLevel: (i) => s.tickets.setLevel(i),
      assign: (i) => s.tickets.assign(i),
      setNextStep: (i) => s.tickets.setNextStep(i),
      fieldOffices: () => {
        if (!s.headOffice) throw new DeskError('NO_HEAD_OFFICE', 'an on-site support request needs a head office');
        return fieldOffices(s.headOffice.client);
      },
    },
    sync: {
      status: () => s.headOffice?.status() ?? STANDALONE,
      signIn: (i) => headOffice().signIn(i.login, i.password),
      signOut: () => headOffice().signOut(),
      now: async () => {
        await headOffice().engine.syncNow();
        return headOffice().status();
      },
      notices: () => s.headOffice?.notices() ?? [],
      dismissNotice: (i) => headOffice().dismissNotice(i.noticeId),
    },
  };
}

/** A workstation run without a head office keeps its own local agent profile. */
const STANDALONE: SyncStatus = { headOffice: false, connection: 'signedOut', account: null, pending: 0, held: 0, lastSyncedAt: null, lastError: null, pulling: 0 };
