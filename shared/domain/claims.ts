/**
 * Claim reports (报案) and the stages a claim moves through, as the claims
 * course lays them down: the three claim types with their materials and
 * handling times, the report number, the stage order, the customer's
 * notification at each stage, late reports and the 24-hour request for
 * missing materials. Pure rules: head office enforces them, the desk shows them.
 */
import { maskPhone, maskPlate, redactPersonalData } from './masking.js';
import { fillPlaceholders, type PlaceholderKey, type PlaceholderValues } from './placeholders.js';
import { addCalendarDays, addWorkingDays, calendarCovers, localDate, type IsoDate } from './working-calendar.js';

export const CLAIM_TYPES = ['traffic', 'natural_disaster', 'theft'] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

/**
 * Every material a claim may ask for, by code: the Chinese name is what the
 * customer is sent; desks show the agent a translated label by the code.
 */
export const CLAIM_MATERIALS = {
  police_finding: '交警事故认定书',
  repair_invoice: '维修发票',
  disaster_proof: '灾害证明（气象部门出具）',
  loss_list: '损失清单',
  before_after_photos: '灾前灾后照片',
  theft_police_proof: '报警证明（公安立案）',
  not_recovered_proof: '未找回证明',
  third_party_details: '第三方车辆及驾驶人信息',
  licence_photo: '行驶证照片',
  driving_licence_photo: '驾驶证照片',
  scene_photos: '事故现场照片',
  damage_photos: '车辆受损部位照片',
  late_accident_proof: '交警事故认定书等事故证明',
  late_weather_proof: '气象部门出具的灾害证明',
  late_vehicle_photos: '灾前灾后车辆照片',
  late_police_receipt: '公安机关报警回执',
  late_keys_parking: '车辆钥匙及停放地点说明',
} as const;
export type ClaimMaterialCode = keyof typeof CLAIM_MATERIALS;

/** The code of a material named in Chinese, or null for a name outside the list. */
export function claimMaterialCode(name: string): ClaimMaterialCode | null {
  const hit = Object.entries(CLAIM_MATERIALS).find(([, zh]) => zh === name);
  return hit ? (hit[0] as ClaimMaterialCode) : null;
}

export interface ClaimTypeRule {
  labelZh: string;
  /** Handling time: working days (from–to) counted on the official calendar, or calendar days for theft. */
  handling: { unit: 'working_days'; from: number; to: number } | { unit: 'calendar_days'; days: number };
  /** What the claim needs besides the photos every report asks for. */
  materials: readonly string[];
  /** The type's own caution, told to the customer. */
  noteZh: string;
}

export const CLAIM_TYPE_RULES: Readonly<Record<ClaimType, ClaimTypeRule>> = {
  traffic: {
    labelZh: '交通事故',
    handling: { unit: 'working_days', from: 3, to: 7 },
    materials: [CLAIM_MATERIALS.police_finding, CLAIM_MATERIALS.repair_invoice],
    noteZh: '涉及第三方的，需提供对方车辆及人员信息',
  },
  natural_disaster: {
    labelZh: '自然灾害',
    handling: { unit: 'working_days', from: 5, to: 10 },
    materials: [CLAIM_MATERIALS.disaster_proof, CLAIM_MATERIALS.loss_list, CLAIM_MATERIALS.before_after_photos],
    noteZh: '需提供灾前、灾后的车辆照片',
  },
  theft: {
    labelZh: '车辆盗抢',
    // Police get a recovery period first: a stolen car may still be found.
    handling: { unit: 'calendar_days', days: 60 },
    materials: [CLAIM_MATERIALS.theft_police_proof, CLAIM_MATERIALS.not_recovered_proof],
    noteZh: '需等待 60 天破案追回期，期满仍未找回再进入赔付',
  },
};

/** Photos the customer is asked to upload after every report (the SMS after the report number). */
export const REPORT_PHOTOS: readonly string[] = [
  CLAIM_MATERIALS.licence_photo,
  CLAIM_MATERIALS.driving_licence_photo,
  CLAIM_MATERIALS.scene_photos,
  CLAIM_MATERIALS.damage_photos,
];

/** A party to the accident as the agent records it (step 2 of the report script). */
export interface ClaimParty {
  role: 'insured' | 'third_party' | 'injured' | 'witness';
  name?: string;
  plate?: string;
  phone?: string;
  note?: string;
}

/**
 * A party as every desk reads it, before and after the customer's identity
 * check: the name keeps its surname, phone and plate are masked, the note's
 * ID and mobile numbers redacted. The clear values stay at head office.
 */
export function maskedParty(p: ClaimParty): ClaimParty {
  return {
    role: p.role,
    ...(p.name ? { name: `${Array.from(p.name.trim())[0] ?? ''}${'*'.repeat(Math.max(1, Array.from(p.name.trim()).length - 1))}` } : {}),
    ...(p.plate ? { plate: maskPlate(p.plate) } : {}),
    ...(p.phone ? { phone: maskPhone(p.phone) } : {}),
    ...(p.note ? { note: redactPersonalData(p.note) } : {}),
  };
}

/**
 * The report photos a type asks for: a stolen car leaves no accident scene
 * and no damaged parts to photograph, only its papers.
 */
export function reportPhotos(type: ClaimType): readonly string[] {
  return type === 'theft' ? [CLAIM_MATERIALS.licence_photo, CLAIM_MATERIALS.driving_licence_photo] : REPORT_PHOTOS;
}

/** The materials a claim needs: its type's list, the third party's details when there is one, and the type's report photos. */
export function materialsChecklist(type: ClaimType, parties: readonly ClaimParty[] = []): string[] {
  const list = [...CLAIM_TYPE_RULES[type].materials];
  if (type === 'traffic' && parties.some((p) => p.role === 'third_party')) list.push(CLAIM_MATERIALS.third_party_details);
  return [...list, ...reportPhotos(type)];
}

/** A theft report has nothing damaged to describe (the car is gone): 受损情况 is optional for it. */
export function damageRequired(type: ClaimType | null): boolean {
  return type !== 'theft';
}

/** Offices keep China Standard Time: a report's date is its date in China. */
export const CLAIM_CLOCK = { utcOffsetMinutes: 480 } as const;

/** The office's calendar day of a moment (deadlines are whole days in China time, whatever the desk's zone). */
export function claimDay(at: number): IsoDate {
  return localDate(at, CLAIM_CLOCK);
}

export interface ExpectedCompletion {
  from: IsoDate;
  to: IsoDate;
  unit: 'working_days' | 'calendar_days';
  /** The holiday calendar for a year in the range is not published yet: the dates may still move. */
  provisional: boolean;
}

/** When the claim should be settled, counted from the day it was reported. */
export function expectedCompletion(type: ClaimType, reportedAt: number): ExpectedCompletion {
  const day = localDate(reportedAt, CLAIM_CLOCK);
  const h = CLAIM_TYPE_RULES[type].handling;
  if (h.unit === 'calendar_days') {
    const on = addCalendarDays(day, h.days);
    return { from: on, to: on, unit: 'calendar_days', provisional: false };
  }
  const from = addWorkingDays(day, h.from);
  const to = addWorkingDays(day, h.to);
  return { from, to, unit: 'working_days', provisional: !calendarCovers(day) || !calendarCovers(to) };
}

// ── Report number ────────────────────────────────────────────────────────────

/** 报案号: BA + report date (China) + a six-digit sequence of that day, handed out by head office alone. */
export const CLAIM_NO_PATTERN = /^BA\d{8}\d{6}$/;

export function claimNumber(reportedAt: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) throw new RangeError(`a day's report sequence is 1–999999, got ${sequence}`);
  return `BA${localDate(reportedAt, CLAIM_CLOCK).replaceAll('-', '')}${String(sequence).padStart(6, '0')}`;
}

// ── Stages ───────────────────────────────────────────────────────────────────

export const CLAIM_STAGES = ['reported', 'surveying', 'materials', 'settled'] as const;
export type ClaimStage = (typeof CLAIM_STAGES)[number];

export const CLAIM_STAGE_LABELS: Readonly<Record<ClaimStage, string>> = {
  reported: '报案受理',
  surveying: '查勘定损',
  materials: '资料提示',
  settled: '核赔结案',
};

/** The stage after this one, or null once settled: stages are never skipped nor gone back to. */
export function nextStage(stage: ClaimStage): ClaimStage | null {
  return CLAIM_STAGES[CLAIM_STAGES.indexOf(stage) + 1] ?? null;
}

export function canAdvance(from: ClaimStage, to: ClaimStage): boolean {
  return nextStage(from) === to;
}

/**
 * What the customer is told when the claim reaches each stage. Every
 * placeholder must be filled: a notification with a gap is not sent.
 */
export const STAGE_NOTIFICATIONS: Readonly<Record<ClaimStage, string>> = {
  reported:
    '您的报案已受理，报案号 {{claimNo}}，请妥善保存。我们会安排专人跟进，您也可以凭报案号在官方 APP 或服务热线随时查询进度。' +
    '请您上传以下资料：{{missingMaterials}}。',
  surveying: '您的车辆已安排查勘定损，预计 {{surveyTime}} 完成（报案号 {{claimNo}}）。请备好行驶证、驾驶证原件，并保持联系电话畅通。',
  materials: '根据初步评估，请您在 {{deadline}} 前提交以下理赔资料：{{missingMaterials}}（报案号 {{claimNo}}）。按时提交可避免影响理赔进度。',
  settled: '您的理赔申请（报案号 {{claimNo}}）已审核通过，赔付金额 {{amount}} 元，将在 1–3 个工作日内转入您预留的银行账户，请注意查收。如有疑问，欢迎随时联系我们。',
};

/** The 报案受理 notice: it lists the claim's whole materials checklist, so what the customer reads is what the claim tracks. */
export function reportedNotification(claimNo: string, type: ClaimType, parties: readonly ClaimParty[] = []): string {
  return stageNotification('reported', { claimNo, missingMaterials: materialsChecklist(type, parties).join('、') });
}

/** The values each stage's notification needs from the agent (the report number is the claim's own). */
export const STAGE_INPUTS: Readonly<Record<ClaimStage, readonly PlaceholderKey[]>> = {
  reported: [],
  surveying: ['surveyTime'],
  materials: ['deadline', 'missingMaterials'],
  settled: ['amount'],
};

export class UnfilledPlaceholderError extends Error {
  constructor(readonly missing: string[]) {
    super(`the notification still needs: ${missing.join(', ')}`);
    this.name = 'UnfilledPlaceholderError';
  }
}

/** The text of a notification with every placeholder filled; refuses (throws) while any is left. */
export function fillNotification(template: string, values: PlaceholderValues): string {
  const { text, unfilled } = fillPlaceholders(template, values);
  if (unfilled.length > 0) throw new UnfilledPlaceholderError(unfilled);
  return text;
}

export function stageNotification(stage: ClaimStage, values: PlaceholderValues): string {
  return fillNotification(STAGE_NOTIFICATIONS[stage], values);
}

/** What an agent gives to move a claim on (the head-office request's fields, without the transport). */
export interface StageStep {
  to: Exclude<ClaimStage, 'reported'>;
  surveyAt?: number;
  materials?: readonly string[];
  dueOn?: IsoDate;
  payoutYuan?: number;
}

/** The placeholder values of a stage's notice, formatted as the customer reads them (China time, 11月27日, 3,250.5). */
export function stageValues(claimNo: string, step: StageStep): PlaceholderValues {
  const values: PlaceholderValues = { claimNo };
  if (step.surveyAt !== undefined) values.surveyTime = formatClaimTime(step.surveyAt);
  if (step.dueOn !== undefined) values.deadline = formatClaimDate(step.dueOn);
  if (step.materials !== undefined) values.missingMaterials = step.materials.join('、');
  if (step.payoutYuan !== undefined) values.amount = formatYuan(step.payoutYuan);
  return values;
}

/**
 * The exact notice a stage sends: head office sends this text, and the desk
 * shows the same text to the agent before they confirm. Throws while a value
 * the stage needs is missing.
 */
export function stageNotice(claimNo: string, step: StageStep): string {
  return stageNotification(step.to, stageValues(claimNo, step));
}

// ── Late reports ─────────────────────────────────────────────────────────────

/**
 * Reported more than this after the accident: the late-report handling
 * applies. The course names late reports without a number; 48 hours is the
 * reporting clause common to commercial motor policies (notify the insurer
 * within 48 hours of the accident), so the agent's warning matches the
 * customer's own policy wording.
 */
export const LATE_REPORT_HOURS = 48;

export function isLateReport(accidentAt: number, reportedAt: number): boolean {
  return reportedAt - accidentAt > LATE_REPORT_HOURS * 3_600_000;
}

/**
 * What a late report must bring so the claim can still be considered: proof
 * the accident happened as told, which depends on the claim type (a theft
 * has no traffic police finding; a storm is proven by the weather service).
 */
export const LATE_REPORT_MATERIALS: Readonly<Record<ClaimType, readonly string[]>> = {
  traffic: [CLAIM_MATERIALS.late_accident_proof, CLAIM_MATERIALS.scene_photos],
  natural_disaster: [CLAIM_MATERIALS.late_weather_proof, CLAIM_MATERIALS.late_vehicle_photos],
  theft: [CLAIM_MATERIALS.late_police_receipt, CLAIM_MATERIALS.late_keys_parking],
};

/** The late report's line to the customer, naming the proof its type needs. */
export function lateReportScript(type: ClaimType): string {
  return `报案时间虽然晚了一些，我们仍会尽力为您处理。请您尽快提供以下证明材料，便于我们评估能否受理这次理赔：${LATE_REPORT_MATERIALS[type].join('、')}。`;
}

/** The report script (标准报案话术), one line per wizard step; the agent says it in their own voice. */
export const REPORT_SCRIPT = {
  opening: '很抱歉听到您遇到了事故。请先确认人员安全，需要时拨打交警电话处理现场。接下来我记录一些基本信息。',
  timePlace: '请告诉我事故发生的时间和地点。',
  parties: '事故涉及哪些车辆和人员？如有对方车辆，请提供车牌号和联系方式。',
  account: '请简要描述一下事故经过。',
  damage: '您的车辆哪些部位受损？损坏程度如何？',
  closing: '信息已记录，系统会生成报案号，请您妥善保存。稍后您会收到需要上传的资料清单。',
} as const;

// ── Missing materials (资料不全) ──────────────────────────────────────────────

export const MATERIALS_DUE_HOURS = 24;

export const MATERIAL_REQUEST_NOTICE =
  '您目前提供的资料还不完整。为了不影响理赔进度，请在 {{deadline}} 前（24 小时内）补充以下材料：{{missingMaterials}}（报案号 {{claimNo}}）。如有困难，请告诉我们具体原因，我们会视情况协助。';

export function materialsDueAt(sentAt: number): number {
  return sentAt + MATERIALS_DUE_HOURS * 3_600_000;
}

export type MaterialRequestStatus = 'open' | 'overdue' | 'received';

export function materialRequestStatus(r: { dueAt: number; receivedAt: number | null }, now: number): MaterialRequestStatus {
  if (r.receivedAt !== null) return 'received';
  return now > r.dueAt ? 'overdue' : 'open';
}

/** A date as the customer reads it in a notification: 2026-11-27 → 11月27日. */
export function formatClaimDate(iso: IsoDate): string {
  return `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

/** An amount in yuan as the customer reads it: 3,250.5. */
export function formatYuan(amount: number): string {
  return amount.toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
}

/** A moment as the customer reads it in a notification: 11月27日 14:30 (China time). */
export function formatClaimTime(at: number): string {
  const d = new Date(at + CLAIM_CLOCK.utcOffsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

// ── Field checks shared by the wizard and head office ───────────────────────

/**
 * Why a field is refused, by code. Head office sends the code as the issue's
 * message (400 naming the field); the desk checks the same rules before
 * sending and shows the agent the reason in their language at the field.
 */
export const CLAIM_FIELD_REASONS = [
  'accident_in_future',
  'accident_outside_policy',
  /** 受损情况 left empty on a type that has damage to describe (all but theft: damageRequired). */
  'damage_required',
  'survey_in_past',
  'due_in_past',
  'payout_not_positive',
  'payout_cents',
  'payout_over_limit',
] as const;
export type ClaimFieldReason = (typeof CLAIM_FIELD_REASONS)[number];

/** Clocks drift a little between desk and head office: an accident "now" may read a few minutes ahead. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** A survey time just passed while the agent typed is still what they meant. */
export const SURVEY_GRACE_MS = 60 * 60_000;

/** The accident must have happened, within the policy's period (its dates in China time, inclusive). */
export function accidentTimeProblem(accidentAt: number, now: number, policy: { startsOn: IsoDate; expiresOn: IsoDate }): ClaimFieldReason | null {
  if (accidentAt > now + CLOCK_SKEW_MS) return 'accident_in_future';
  const day = localDate(accidentAt, CLAIM_CLOCK);
  if (day < policy.startsOn || day > policy.expiresOn) return 'accident_outside_policy';
  return null;
}

export function surveyTimeProblem(surveyAt: number, now: number): ClaimFieldReason | null {
  return surveyAt < now - SURVEY_GRACE_MS ? 'survey_in_past' : null;
}

/**
 * The payout limit when nothing bounds it better: no cover of the vehicle
 * that pays this claim type is known, or the car's value (new-car price) is
 * not on record. High enough for any private-car claim, yet it stops a
 * typo such as 1e9.
 */
export const PAYOUT_CEILING_YUAN = 5_000_000;
/** 交强险 pays at most 200,000 yuan in all (180,000 death/disability + 18,000 medical + 2,000 property). */
const COMPULSORY_TOTAL_YUAN = 200_000;

/** A cover as a policy carries it (coverages.ts codes; liability covers carry their limit). */
export interface PolicyCover {
  code: string;
  limitYuan: number | null;
}

/**
 * The covers that pay for the car itself, by claim type: together they pay
 * at most what the car is worth (its new-car price), however many of them
 * the policies hold. A flooded or burnt-out car is paid under 车损险 (and
 * 涉水险 / 自燃险 where held); a stolen one under 盗抢险, or 车损险 where
 * the commercial policy folds theft into it.
 */
const CAR_COVERS: Readonly<Record<ClaimType, readonly string[]>> = {
  traffic: ['vehicle_damage'],
  natural_disaster: ['vehicle_damage', 'wading', 'spontaneous_combustion'],
  theft: ['theft', 'vehicle_damage'],
};

/** The liability covers a claim type can pay from, each up to its limit: only an accident has third parties and injured occupants. */
const LIABILITY_COVERS: Readonly<Record<ClaimType, readonly string[]>> = {
  traffic: ['third_party', 'driver_seat', 'passenger_seat'],
  natural_disaster: [],
  theft: [],
};

/**
 * Whether a policy was in force on the accident's day (office dates,
 * inclusive): a policy expired since still pays for an accident within its
 * period; a cancelled one is left out, as its cancellation date is not kept.
 */
export function policyInForce(p: { startsOn: IsoDate; expiresOn: IsoDate; status: string }, accidentDay: IsoDate): boolean {
  return p.status !== 'cancelled' && p.startsOn <= accidentDay && accidentDay <= p.expiresOn;
}

/**
 * The most 核赔结案 may pay on a claim. A guard against typing mistakes
 * (an extra zero, yuan typed as fen), not a rule of how much a loss is
 * worth: the adjuster decides the amount, this only refuses amounts no
 * cover could pay.
 *
 * `covers` are those of every policy of the claim's vehicle in force at the
 * accident (交强险 and commercial alike, whichever one the claim was filed
 * on). The limit is the sum of what the claim type can pay from:
 * - traffic: 交强险's total, 车损险 up to the new-car price, 三者险 and
 *   车上人员责任险 (driver, passengers) up to their limits;
 * - natural disaster: 车损险 (with 涉水险 / 自燃险) up to the new-car price;
 * - theft: 盗抢险 or 车损险 up to the new-car price.
 * A cover held on two policies counts once, at its larger limit (a loss is
 * paid once). When no such cover is known, or the car's price is not on
 * record for a car cover, the limit is at least PAYOUT_CEILING_YUAN.
 */
export function payoutCeilingYuan(type: ClaimType, covers: readonly PolicyCover[], vehiclePriceYuan: number | null): number {
  const held = (code: string) => covers.some((c) => c.code === code);
  let sum = 0;
  let known = false;
  let unknownPart = false;
  if (type === 'traffic' && held('compulsory_liability')) {
    sum += COMPULSORY_TOTAL_YUAN;
    known = true;
  }
  if (CAR_COVERS[type].some(held)) {
    if (vehiclePriceYuan !== null && vehiclePriceYuan > 0) {
      sum += vehiclePriceYuan;
      known = true;
    } else unknownPart = true;
  }
  for (const code of LIABILITY_COVERS[type]) {
    const limits = covers.filter((c) => c.code === code).map((c) => c.limitYuan);
    if (limits.length === 0) continue;
    const largest = Math.max(...limits.map((l) => l ?? 0));
    if (largest > 0) {
      sum += largest;
      known = true;
    } else unknownPart = true;
  }
  if (!known || unknownPart) return Math.max(sum, PAYOUT_CEILING_YUAN);
  return sum;
}

/** A payout as typed: positive, in fen at most, not above the ceiling. Never clamped: a wrong amount is refused with its reason. */
export function payoutProblem(amount: number, ceilingYuan: number): ClaimFieldReason | null {
  if (!Number.isFinite(amount) || amount <= 0) return 'payout_not_positive';
  if (Math.abs(Math.round(amount * 100) - amount * 100) > 1e-6) return 'payout_cents';
  if (amount > ceilingYuan) return 'payout_over_limit';
  return null;
}

/** An open (or overdue) 24-hour request blocks 核赔结案: the claim is settled on complete materials only. */
export function outstandingRequests<R extends { dueAt: number; receivedAt: number | null }>(requests: readonly R[]): R[] {
  return requests.filter((r) => r.receivedAt === null);
}
