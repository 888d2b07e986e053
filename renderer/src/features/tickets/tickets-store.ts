import { create } from 'zustand';
import type { ConversationSummary, Ticket, TicketDetail } from '../../../../shared/contract/schemas';
import type { EditableTicketField, TicketPriority, TicketStatus, TicketType } from '../../../../shared/domain/ticket-status';
import { unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { feedbackApi, reportError } from '../../app/feedback';
import { i18n } from '../../i18n';
import { byUrgency, OPEN_STATUSES } from './ticket-queue';
import type { ComplaintLevel, SatisfactionRating } from '../../../../shared/domain/ticket-sla';

export interface TicketFilters {
  statuses: TicketStatus[];
  type: TicketType | null;
  priority: TicketPriority | null;
  text: string;
}

export interface NewTicketForm {
  type: TicketType;
  category: string;
  priority: TicketPriority;
  title: string;
  description: string;
  /** Complaints only: the level the agent grades it at. */
  complaintLevel?: ComplaintLevel;
  /** On-site support only: the field office asked to visit. */
  fieldOfficeId?: string;
}

/** The tickets view is a work queue: it opens on everything not yet closed. */
export const DEFAULT_FILTERS: TicketFilters = { statuses: OPEN_STATUSES, type: null, priority: null, text: '' };

interface TicketsState {
  filters: TicketFilters;
  page: number;
  pageSize: number;
  items: Ticket[];
  total: number;
  loading: boolean;
  loaded: boolean;
  detailId: string | null;
  detail: TicketDetail | null;
  detailLoading: boolean;
  busy: boolean;
  createFor: ConversationSummary | null;
  setFilters(patch: Partial<TicketFilters>): void;
  resetFilters(): void;
  setPage(page: number, pageSize: number): void;
  load(): Promise<void>;
  openDetail(id: string): void;
  closeDetail(): void;
  loadDetail(id: string): Promise<void>;
  transition(to: TicketStatus, note: string, satisfaction?: { rating: SatisfactionRating; note: string }): Promise<boolean>;
  /** Grade the open complaint again, with the reason. */
  setLevel(level: ComplaintLevel, reason: string): Promise<boolean>;
  /** Give the open ticket an owner (leads), or take it (an agent, when nobody owns it). */
  assign(ownerId: string, name: string): Promise<boolean>;
  /** 事不过夜: the next step and its time. */
  setNextStep(action: string, dueAt: number): Promise<boolean>;
  addNote(note: string): Promise<boolean>;
  startCreate(conversation: ConversationSummary): void;
  cancelCreate(): void;
  create(form: NewTicketForm): Promise<boolean>;
  changed(ticketId: string): void;
  scheduleRefresh(): void;
  /** Change one field (priority, category, title); head office checks it against colleagues' edits. */
  edit(field: EditableTicketField, value: string): Promise<boolean>;
}

let listSeq = 0;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

export const useTickets = create<TicketsState>((set, get) => {
  /**
   * One change to the open ticket: one at a time, the detail replaced by
   * the answer, a failure reported (and `onFailure` run). True when it went through.
   */
  const changeOpenTicket = async (run: (ticketId: string) => Promise<TicketDetail>, done: string | null, onFailure?: (ticketId: string) => void): Promise<boolean> => {
    const id = get().detailId;
    if (!id || get().busy) return false;
    set({ busy: true });
    try {
      const detail = await run(id);
      set({ detail, busy: false });
      if (done) feedbackApi().message.success(done);
      return true;
    } catch (err) {
      set({ busy: false });
      reportError(err);
      onFailure?.(id);
      return false;
    }
  };

  return {
    filters: DEFAULT_FILTERS,
    page: 1,
    pageSize: 20,
    items: [],
    total: 0,
    loading: false,
    loaded: false,
    detailId: null,
    detail: null,
    detailLoading: false,
    busy: false,
    createFor: null,

    setFilters(patch) {
      set((s) => ({ filters: { ...s.filters, ...patch }, page: 1 }));
      void get().load();
    },

    resetFilters() {
      set({ filters: DEFAULT_FILTERS, page: 1 });
      void get().load();
    },

    setPage(page, pageSize) {
      set({ page, pageSize });
      void get().load();
    },

    async load() {
      const { filters, page, pageSize } = get();
      const seq = ++listSeq;
      set({ loading: true });
      try {
        const text = filters.text.trim();
        const list = await unwrap(
          desk().tickets.list({
            ...(filters.statuses.length > 0 ? { statuses: filters.statuses } : {}),
            ...(filters.type ? { type: filters.type } : {}),
            ...(filters.priority ? { priority: filters.priority } : {}),
            ...(text ? { text } : {}),
            limit: pageSize,
            offset: (page - 1) * pageSize,
          }),
        );
        if (seq !== listSeq) return;
        // The list contract has no sort option (the host pages by last update), so
        // the most urgent work is put first here, within the page that came back.
        set({ items: [...list.items].sort(byUrgency), total: list.total, loading: false, loaded: true });
      } catch (err) {
        if (seq === listSeq) set({ loading: false });
        reportError(err, i18n.t('tickets.loadFailed'));
      }
    },

    openDetail(id) {
      set({ detailId: id, detail: get().detail?.id === id ? get().detail : null });
      void get().loadDetail(id);
    },

    closeDetail() {
      set({ detailId: null });
    },

    async loadDetail(id) {
      set({ detailLoading: true });
      try {
        const detail = await unwrap(desk().tickets.get({ ticketId: id }));
        if (get().detailId === id) set({ detail, detailLoading: false });
      } catch (err) {
        set({ detailLoading: false });
        reportError(err, i18n.t('tickets.loadFailed'));
      }
    },

    transition(to, note, satisfaction) {
      const trimmed = note.trim();
      const callBack = satisfaction ? { satisfaction: { rating: satisfaction.rating, ...(satisfaction.note.trim() ? { note: satisfaction.note.trim() } : {}) } } : {};
      return changeOpenTicket(
        (ticketId) => unwrap(desk().tickets.transition({ ticketId, to, ...(trimmed ? { note: trimmed } : {}), ...callBack })),
        i18n.t('tickets.moved', { status: i18n.t(`ticketStatus.${to}`) }),
        // The ticket may have moved elsewhere; show what is true now.
        (ticketId) => void get().loadDetail(ticketId),
      );
    },

    async setLevel(level, reason) {
      const done = await changeOpenTicket(
        (ticketId) => unwrap(desk().tickets.setLevel({ ticketId, level, reason })),
        i18n.t('ticketSla.levelChanged', { level: i18n.t(`ticketSla.levelName.${level}`) }),
      );
      if (done) get().scheduleRefresh();
      return done;
    },

    async assign(ownerId, name) {
      const done = await changeOpenTicket((ticketId) => unwrap(desk().tickets.assign({ ticketId, ownerId })), i18n.t('ticketSla.assigned', { name }));
      if (done) get().scheduleRefresh();
      return done;
    },

    async setNextStep(action, dueAt) {
      const done = await changeOpenTicket((ticketId) => unwrap(desk().tickets.setNextStep({ ticketId, action, dueAt })), i18n.t('ticketSla.nextStepSaved'));
      if (done) get().scheduleRefresh();
      return done;
    },

    addNote(note) {
      return changeOpenTicket((ticketId) => unwrap(desk().tickets.addNote({ ticketId, note })), i18n.t('tickets.noteAdded'));
    },

    startCreate(conversation) {
      set({ createFor: conversation });
    },

    cancelCreate() {
      set({ createFor: null });
    },

    async create(form) {
      const conv = get().createFor;
      if (get().busy) return false;
      set({ busy: true });
      try {
        const detail = await unwrap(
          desk().tickets.create({ ...form, conversationId: conv?.id ?? null }),
        );
        set({ busy: false, createFor: null, detailId: detail.id, detail });
        feedbackApi().message.success(i18n.t('tickets.created', { no: detail.ticketNo }));
        return true;
      } catch (err) {
        set({ busy: false });
        reportError(err);
        return false;
      }
    },

    changed(ticketId) {
      if (get().detailId === ticketId) void get().loadDetail(ticketId);
      get().scheduleRefresh();
    },

    scheduleRefresh() {
      if (!get().loaded) return;
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => void get().load(), 150);
    },

    async edit(field, value) {
      const changed = await changeOpenTicket(
        (ticketId) => unwrap(desk().tickets.edit({ ticketId, field, value } as Parameters<ReturnType<typeof desk>['tickets']['edit']>[0])),
        null,
      );
      if (changed) get().scheduleRefresh();
      return changed;
    },
  };
});
