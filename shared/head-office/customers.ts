/**
 * Customer records at head office: what a lead or an operator puts (a whole
 * profile with vehicles, policies and their changes), what an agent reads
 * for a conversation (masked until the customer is verified), and the
 * identity check's requests and answers.
 */
import { z } from 'zod';
import { CoverageItem, coverageProblem } from '../domain/coverages.js';
import { isValidIdNumber, VERIFICATION_STEPS } from '../domain/identity-check.js';
import { CHANNELS } from '../domain/channels.js';
import { visibleText } from '../contract/text.js';
import { CalendarDay } from '../domain/working-calendar.js';

const Id = z.string().uuid();
const At = z.number().int().nonnegative();

/** A calendar day, YYYY-MM-DD, that exists (one schema for every date). */
export { CalendarDay };

export const Mobile = z
  .string()
  .transform((s) => s.normalize('NFKC').replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, 'an 11-digit mainland mobile number'));

export const IdNumber = z
  .string()
  .transform((s) => s.normalize('NFKC').trim().toUpperCase())
  .pipe(z.string().refine(isValidIdNumber, 'an 18-character resident ID number with a valid check character'));

/** 苏A·B1234, 沪AD12345 (new energy): a province character, a letter, then 5–6 letters or digits. */
export const Plate = z
  .string()
  .transform((s) => s.normalize('NFKC').trim().toUpperCase().replace(/\s/g, ''))
  .pipe(z.string().regex(/^[\u4e00-\u9fa5][A-Z][·]?[A-Z0-9]{5,6}$/, 'a plate such as 苏A·B1234'));

export const PolicyNo = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{10,30}$/, 'a policy number of 10–30 letters and digits'));

export const CUSTOMER_SEGMENTS = ['standard', 'high_value'] as const;
export const POLICY_KINDS = ['compulsory', 'commercial'] as const;
export const POLICY_STATUSES = ['active', 'expired', 'cancelled'] as const;

export const VehicleInput = z.strictObject({
  plate: Plate,
  model: visibleText(60),
  firstRegisteredOn: CalendarDay,
  /** New-car price in yuan (the cross-sell rules read it); null when unknown. */
  priceYuan: z.number().int().nonnegative().max(100_000_000).nullable(),
});

export const PolicyChangeInput = z.strictObject({
  changedAt: z.string().datetime({ offset: true }),
  what: visibleText(200),
});

export const PolicyInput = z
  .strictObject({
    policyNo: PolicyNo,
    kind: z.enum(POLICY_KINDS),
    /** The plate of the vehicle (among this profile's vehicles) the policy covers. */
    plate: Plate.nullable(),
    coverages: z.array(CoverageItem).max(20),
    startsOn: CalendarDay,
    expiresOn: CalendarDay,
    status: z.enum(POLICY_STATUSES),
    /** 批改: the policy's changes after issue. */
    changes: z.array(PolicyChangeInput).max(100).default([]),
  })
  .superRefine((p, ctx) => {
    const problem = coverageProblem(p.kind, p.coverages);
    if (problem) ctx.addIssue({ code: 'custom', path: ['coverages'], message: problem });
    if (p.expiresOn <= p.startsOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'a policy expires after it starts' });
  });

/** The fields of a customer record, whoever supplies them. */
const profileFields = {
  name: visibleText(40),
  phone: Mobile,
  idNumber: IdNumber,
  city: visibleText(20),
  segment: z.enum(CUSTOMER_SEGMENTS),
  vehicles: z.array(VehicleInput).max(20),
  policies: z.array(PolicyInput).max(50),
};

const checkReferences = (p: { vehicles: { plate: string }[]; policies: { plate: string | null; policyNo: string }[] }, ctx: z.RefinementCtx) => {
  const plates = new Set<string>();
  p.vehicles.forEach((v, i) => {
    const key = v.plate.replace('·', '');
    if (plates.has(key)) ctx.addIssue({ code: 'custom', path: ['vehicles', i, 'plate'], message: 'this plate is listed twice' });
    plates.add(key);
  });
  const numbers = new Set<string>();
  p.policies.forEach((pol, i) => {
    if (pol.plate !== null && !plates.has(pol.plate.replace('·', ''))) {
      ctx.addIssue({ code: 'custom', path: ['policies', i, 'plate'], message: 'not the plate of one of this customer\'s vehicles' });
    }
    if (numbers.has(pol.policyNo)) ctx.addIssue({ code: 'custom', path: ['policies', i, 'policyNo'], message: 'this policy number is listed twice' });
    numbers.add(pol.policyNo);
  });
};

/**
 * `PUT /api/customers/:id`: the whole record. Vehicles are matched by plate
 * and policies by policy number, so putting a record again changes it in
 * place (claims and renewal tasks keep pointing at the same policy);
 * nothing is deleted — a policy ends by its status.
 */
export const CustomerRecordInput = z.strictObject({ ...profileFields, officeId: Id.nullable() }).superRefine(checkReferences);
export type CustomerRecordInput = z.output<typeof CustomerRecordInput>;

/** One record of an import file: its id, and its office by code (null: head office's own). */
export const ImportedCustomer = z.strictObject({ id: Id, ...profileFields, officeCode: z.string().trim().min(1).max(40).nullable() }).superRefine(checkReferences);
export const CustomerImportFile = z.array(ImportedCustomer).min(1).max(10_000);

export const CustomerRecordSaved = z.object({
  id: Id,
  vehicles: z.array(z.object({ id: Id, plateMasked: z.string() })),
  policies: z.array(z.object({ id: Id, policyNoMasked: z.string() })),
});
export type CustomerRecordSaved = z.infer<typeof CustomerRecordSaved>;

// ---- What an agent reads for a conversation --------------------------------

export const VerificationStepSchema = z.enum(VERIFICATION_STEPS);

export const VerificationStatus = z.object({
  conversationId: Id,
  customerId: Id,
  state: z.enum(['unverified', 'partial', 'verified', 'expired']),
  passed: z.array(VerificationStepSchema),
  verifiedAt: At.nullable(),
  expiresAt: At.nullable(),
  /** Wrong answers left before the check locks (0 while locked). */
  attemptsLeft: z.number().int().nonnegative(),
  lockedUntil: At.nullable(),
  /** The SMS code in force: when it was sent, until when it works, whether another may be sent and when. */
  code: z
    .object({ sentAt: At, expiresAt: At, sends: z.number().int(), resendAt: At.nullable(), sentToMasked: z.string() })
    .nullable(),
  /** While the customer has received all the codes an hour allows (any conversation): when the next may be sent. */
  codeLimitUntil: At.nullable(),
  /** Head office's clock when this was read (the desk counts the time left against it). */
  now: At,
});
export type VerificationStatus = z.infer<typeof VerificationStatus>;

export const MaskedVehicle = z.object({
  id: Id,
  plateMasked: z.string(),
  model: z.string(),
  firstRegisteredOn: z.string().nullable(),
  ageYears: z.number().int().nonnegative().nullable(),
});

export const MaskedPolicy = z.object({
  id: Id,
  policyNoMasked: z.string(),
  kind: z.enum(POLICY_KINDS),
  status: z.enum(POLICY_STATUSES),
  startsOn: z.string(),
  expiresOn: z.string(),
  vehicleId: Id.nullable(),
  /** Coverage details and limits: only while the customer is verified for this conversation. */
  coverages: z.array(CoverageItem).nullable(),
  changes: z.number().int().nonnegative(),
});

export const ServiceContact = z.object({
  conversationId: Id,
  channel: z.enum(CHANNELS),
  at: At,
  subject: z.string(),
  state: z.string(),
  current: z.boolean(),
});

export const ServiceTicket = z.object({ id: z.string(), number: z.string().nullable(), title: z.string(), status: z.string(), at: At });

/** A claim as the profile lists it (the claims feature fills it): the number masked until the customer is verified. */
export const ProfileClaim = z.object({
  id: z.string(),
  claimNo: z.string(),
  type: z.string(),
  stage: z.string(),
  reportedAt: At,
  policyId: z.string().nullable(),
});
export type ProfileClaim = z.infer<typeof ProfileClaim>;

export const ConversationCustomer = z.object({
  customerId: Id,
  name: z.string(),
  phoneMasked: z.string(),
  idNumberMasked: z.string(),
  city: z.string().nullable(),
  segment: z.enum(CUSTOMER_SEGMENTS),
  vehicles: z.array(MaskedVehicle),
  policies: z.array(MaskedPolicy),
  claims: z.array(ProfileClaim),
  contacts: z.array(ServiceContact),
  tickets: z.array(ServiceTicket),
  /** True until the reader verified the customer here: claim numbers masked, no message or ticket text. */
  detailsMasked: z.boolean(),
  verification: VerificationStatus,
});
export type ConversationCustomer = z.infer<typeof ConversationCustomer>;

// ---- The identity check ------------------------------------------------------

export const VerificationAnswer = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('policy'), answer: z.string().trim().min(1).max(40) }),
  z.strictObject({ step: z.literal('id_last4'), answer: z.string().trim().min(1).max(8) }),
  z.strictObject({ step: z.literal('sms_code'), answer: z.string().trim().min(1).max(12) }),
]);
export type VerificationAnswer = z.infer<typeof VerificationAnswer>;

export const VerificationResult = z.object({ passed: z.boolean(), status: VerificationStatus });
export type VerificationResult = z.infer<typeof VerificationResult>;

/** The clear record, only while verified; the desk shows it and keeps it nowhere. */
export const RevealedCustomer = z.object({
  customerId: Id,
  name: z.string(),
  phone: z.string(),
  idNumber: z.string(),
  vehicles: z.array(z.object({ id: Id, plate: z.string(), model: z.string() })),
  policies: z.array(
    z.object({
      id: Id,
      policyNo: z.string(),
      kind: z.enum(POLICY_KINDS),
      status: z.enum(POLICY_STATUSES),
      startsOn: z.string(),
      expiresOn: z.string(),
      vehicleId: Id.nullable(),
      coverages: z.array(CoverageItem),
      changes: z.array(z.object({ changedAt: At, what: z.string() })),
    }),
  ),
  expiresAt: At,
  now: At,
});
export type RevealedCustomer = z.infer<typeof RevealedCustomer>;
