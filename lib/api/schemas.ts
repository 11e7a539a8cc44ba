import { z } from "zod";
import { parsePmsFileName } from "@/lib/files/file-names";
import { PROBLEM_TYPE_NAMES, type TProblemType } from "./problem";

/**
 * The REST API's shapes (docs/api.md): what each endpoint takes and answers. The same schemas
 * validate requests (lib/api/endpoint.ts) and write the OpenAPI document (lib/api/openapi.ts):
 * those registered in `apiSchemas` become components, the rest are written where they are used.
 */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

const named = <T extends z.ZodType>(schema: T, id: string, description: string): T => {
  apiSchemas.add(schema, { id, description });
  return schema;
};

export const API_VERSION = "2026-12-01";
export const PAGE_LIMIT_MAX = 100;
export const PAGE_LIMIT_DEFAULT = 50;

const Instant = z.iso.datetime({ offset: true });
const Day = z.iso.date();
const Cents = z.int().meta({ description: "An amount in cents (USD)." });

export const PAYMENT_STATUSES = [
  "pending",
  "authorized",
  "captured",
  "settled",
  "declined",
  "failed",
  "voided",
  "partially_refunded",
  "refunded",
  "returned",
] as const;
export const PAYMENT_CHANNELS = [
  "web",
  "staff_phone",
  "staff_office",
  "mail",
  "autopay",
  "plan",
  "import",
] as const;
export const METHOD_KINDS = ["card", "ach", "apple_pay", "google_pay"] as const;
export const PLAN_STATUSES = ["active", "completed", "cancelled", "defaulted"] as const;
export const STATEMENT_STATUSES = ["open", "partially_paid", "paid", "voided"] as const;
export const IMPORT_STATUSES = ["received", "processing", "processed", "failed"] as const;

/** The most a payment transaction file sent to POST /payment-imports may be: 10 MB. */
export const PAYMENT_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

// ─── answers ───

export const ZApiProblem = named(
  z.object({
    type: z.string().meta({ description: "A URI naming the kind of problem (docs/api.md lists them)." }),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string().meta({ description: "The path of the request." }),
    request_id: z.string(),
    errors: z
      .array(z.object({ field: z.string(), code: z.string(), detail: z.string() }))
      .optional()
      .meta({ description: "Each field's error, for a request that is not valid." }),
  }),
  "Problem",
  "An RFC 9457 problem: what went wrong (application/problem+json).",
);

export const ZApiAppliedTo = named(
  z.object({ statement_number: z.string(), amount_cents: Cents }),
  "AppliedTo",
  "A statement a payment applies to, and how much of it.",
);

export const ZApiPayment = named(
  z.object({
    object: z.literal("payment"),
    id: z.string(),
    status: z.enum(PAYMENT_STATUSES),
    amount_cents: Cents,
    refunded_cents: Cents,
    currency: z.string(),
    channel: z.enum(PAYMENT_CHANNELS),
    method: z.object({
      kind: z.enum(METHOD_KINDS),
      brand: z.string().nullable().meta({ description: "Card network or bank name." }),
      last4: z.string().nullable(),
    }),
    receipt_number: z.string(),
    account_number: z.string(),
    plan_id: z.string().nullable(),
    applied_to: z.array(ZApiAppliedTo),
    gateway_transaction_id: z.string().nullable(),
    authorization_code: z.string().nullable(),
    decline_code: z.string().nullable(),
    decline_message: z.string().nullable(),
    created_at: Instant,
    updated_at: Instant,
    captured_at: Instant.nullable(),
    settled_at: Instant.nullable(),
    voided_at: Instant.nullable(),
    returned_at: Instant.nullable(),
  }),
  "Payment",
  "A payment, as the webhooks' payment.* events describe it (docs/webhooks.md), with its last change.",
);

const listOf = <T extends z.ZodType>(item: T, id: string, what: string) =>
  named(
    z.object({
      object: z.literal("list"),
      data: z.array(item),
      has_more: z.boolean(),
      next_cursor: z.string().nullable().meta({
        description:
          "Pass as `cursor` for the next page. On the last page, keep it and call again later for what changed since; null only for an empty list asked without a cursor.",
      }),
    }),
    id,
    `A page of ${what}, oldest change first.`,
  );

export const ZApiPaymentList = listOf(ZApiPayment, "PaymentList", "payments");

export const ZApiEvent = named(
  z.object({
    id: z.string(),
    type: z.string(),
    created: Instant,
    api_version: z.string(),
    data: z.record(z.string(), z.unknown()),
  }),
  "Event",
  "An event exactly as the webhooks send it (docs/webhooks.md).",
);

export const ZApiEventList = named(
  z.object({
    object: z.literal("list"),
    data: z.array(ZApiEvent),
    has_more: z.boolean(),
    next_cursor: z.string().meta({
      description:
        "Pass as `after` next time: the position after the last event here (the same `after` when none).",
    }),
  }),
  "EventList",
  "Events in the order of the feed.",
);

export const ZApiStatement = named(
  z.object({
    object: z.literal("statement"),
    statement_number: z.string(),
    account_number: z.string(),
    status: z.enum(STATEMENT_STATUSES),
    statement_date: Day,
    due_date: Day.nullable(),
    amount_due_cents: Cents,
    balance_cents: Cents,
    total_charges_cents: Cents,
    insurance_paid_cents: Cents,
    adjustments_cents: Cents,
    currency: z.string(),
    provider_name: z.string().nullable(),
    created_at: Instant,
    updated_at: Instant,
  }),
  "Statement",
  "A statement: what the patient was billed and still owes.",
);

export const ZApiAccount = named(
  z.object({
    object: z.literal("account"),
    account_number: z.string(),
    guarantor: z.object({ first_name: z.string(), last_name: z.string() }),
    open_balance_cents: Cents,
    open_statements: z.array(ZApiStatement),
  }),
  "Account",
  "A guarantor account with its open statements (a balance above zero, not voided).",
);

export const ZApiInstallment = named(
  z.object({
    sequence: z.int(),
    due_date: Day,
    amount_cents: Cents,
    status: z.enum(["scheduled", "paid", "failed", "skipped", "cancelled"]),
    payment_id: z.string().nullable(),
  }),
  "Installment",
  "One installment of a plan.",
);

export const ZApiPlan = named(
  z.object({
    object: z.literal("plan"),
    id: z.string(),
    status: z.enum(PLAN_STATUSES),
    account_number: z.string(),
    statement_numbers: z.array(z.string()),
    total_cents: Cents,
    down_payment_cents: Cents,
    installment_cents: Cents,
    installment_count: z.int(),
    frequency: z.enum(["weekly", "biweekly", "monthly"]),
    start_date: Day,
    currency: z.string(),
    installments: z.array(ZApiInstallment),
    created_at: Instant,
    updated_at: Instant,
    cancelled_at: Instant.nullable(),
    defaulted_at: Instant.nullable(),
  }),
  "Plan",
  "A payment plan and its schedule.",
);

export const ZApiPlanList = listOf(ZApiPlan, "PlanList", "plans");

export const ZApiProblemType = named(
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    description: z.string(),
  }),
  "ProblemType",
  "What a kind of problem means (the page a problem's `type` names).",
);

export const ZApiPaymentImport = named(
  z.object({
    object: z.literal("payment_import"),
    id: z.string(),
    file_name: z.string(),
    status: z.enum(IMPORT_STATUSES).meta({
      description:
        "processed: every row was read and answered in the acknowledgement. processing: another request or the inbox is importing this same file now; ask again. failed: it stopped midway; send the same file again to finish it (rows already recorded are not recorded twice).",
    }),
    row_count: z.int().meta({ description: "Rows read (blank lines are not rows)." }),
    accepted_count: z.int().meta({
      description:
        "Rows accepted: each one a payment recorded (by this file or, at most once, an earlier run of it).",
    }),
    rejected_count: z.int().meta({ description: "Rows rejected; the acknowledgement says why, row by row." }),
    payments_recorded: z
      .int()
      .meta({ description: "Payments this import recorded on the practice's accounts." }),
    duplicate: z.boolean().meta({
      description:
        "True when this very file (the same bytes, SHA-256) had been sent before, by any way: nothing was changed, and this is the first import. Always false in GET.",
    }),
    acknowledgement: z
      .object({
        file_name: z
          .string()
          .meta({ description: "IMIA10_ and the file's name, e.g. IMIA10_PT_RFM001_20261206_1.txt." }),
        url: z.string().meta({ description: "GET it (with the key) for the IMIA10 text." }),
      })
      .nullable()
      .meta({ description: "The IMIA10 acknowledgement, once the import is processed; null before." }),
    created_at: Instant,
    updated_at: Instant,
  }),
  "PaymentImport",
  "A payment transaction file (IMPTI10) imported for the practice, and what came of it.",
);

// ─── requests ───

const Limit = z.coerce
  .number({ error: `limit must be a whole number from 1 to ${PAGE_LIMIT_MAX}.` })
  .int({ error: `limit must be a whole number from 1 to ${PAGE_LIMIT_MAX}.` })
  .min(1, { error: `limit must be a whole number from 1 to ${PAGE_LIMIT_MAX}.` })
  .max(PAGE_LIMIT_MAX, { error: `limit must be a whole number from 1 to ${PAGE_LIMIT_MAX}.` })
  .default(PAGE_LIMIT_DEFAULT)
  .meta({ description: `How many to answer (1–${PAGE_LIMIT_MAX}).` });

const Cursor = z
  .string()
  .max(200)
  .optional()
  .meta({ description: "The `next_cursor` of the previous page." });

const UpdatedSince = z.iso
  .datetime({
    offset: true,
    error:
      "updated_since must be an instant with its offset, e.g. 2026-12-01T00:00:00Z or 2026-12-01T00:00:00-05:00.",
  })
  .optional()
  .meta({
    description:
      "Only those changed at or after this instant (ISO 8601 with an offset, e.g. 2026-12-01T00:00:00Z).",
  });

const AccountNumber = z.string().min(1).max(80);

export const ZPaymentListQuery = z.strictObject({
  updated_since: UpdatedSince,
  status: z
    .enum(PAYMENT_STATUSES, { error: `status must be one of ${PAYMENT_STATUSES.join(", ")}.` })
    .optional(),
  account: AccountNumber.optional().meta({ description: "Only this account's (its account number)." }),
  channel: z
    .enum(PAYMENT_CHANNELS, { error: `channel must be one of ${PAYMENT_CHANNELS.join(", ")}.` })
    .optional(),
  limit: Limit,
  cursor: Cursor,
});

export const ZPlanListQuery = z.strictObject({
  updated_since: UpdatedSince,
  status: z.enum(PLAN_STATUSES, { error: `status must be one of ${PLAN_STATUSES.join(", ")}.` }).optional(),
  account: AccountNumber.optional().meta({ description: "Only this account's (its account number)." }),
  limit: Limit,
  cursor: Cursor,
});

export const ZEventListQuery = z.strictObject({
  after: z
    .string()
    .regex(/^\d{1,18}$/, { error: "after must be the next_cursor of an earlier answer (a whole number)." })
    .optional()
    .meta({
      description:
        "The `next_cursor` of the previous answer; leave it out to start at the oldest kept event.",
    }),
  limit: Limit,
});

export const ZIdParams = z.strictObject({ id: z.string().min(1).max(64) });

export const ZPaymentImportQuery = z.strictObject({
  file_name: z
    .string({ error: "Send the file's name as file_name, e.g. ?file_name=PT_RFM001_20261206_1.txt." })
    .max(255, { error: "file_name must be PT_<ClientID>_<YYYYMMDD>_<UniqueID>.txt." })
    .refine((name) => parsePmsFileName(name, "PAYMENT_IMPORT").ok && !/[\\/]/.test(name), {
      error: "file_name must be PT_<ClientID>_<YYYYMMDD>_<UniqueID>.txt, the name the import inbox takes.",
    })
    .meta({
      description:
        "The file's name, as the import inbox takes it: PT_<ClientID>_<YYYYMMDD>_<UniqueID>.txt, with this practice's client ID (docs/files.md, \"File names\").",
    }),
});
export const ZAccountParams = z.strictObject({ number: AccountNumber });
export const ZStatementParams = z.strictObject({ number: z.string().min(1).max(80) });

export const ZIdempotencyKey = z
  .string({ error: "Send an Idempotency-Key header: a unique value per change, e.g. a UUID." })
  .min(8, { error: "The Idempotency-Key must be 8 to 255 characters." })
  .max(255, { error: "The Idempotency-Key must be 8 to 255 characters." })
  .regex(/^[\x21-\x7e]+$/, { error: "The Idempotency-Key must be printable ASCII without spaces." });

const Text = z
  .string()
  .refine((s) => !s.includes("|"), { error: "must not contain |." })
  .nullish();
const DayText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date in the form YYYY-MM-DD." })
  .nullish()
  .meta({ format: "date" });
const CentsIn = z.int({ error: "must be a whole number of cents." }).nullish();

/**
 * A statement's new balance, as the balance file's row says it (docs/files.md, "Balance file";
 * the field numbers are the file's): the same rules check it (lib/files/balance-file.ts).
 */
export const ZStatementUpsert = z.strictObject({
  patient_id: Text.meta({ description: "Field 2: the patient's ID at the practice (required)." }),
  patient_first_name: Text.meta({ description: "Field 3 (required)." }),
  patient_middle_name: Text,
  patient_last_name: Text.meta({ description: "Field 5 (required)." }),
  patient_dob: DayText.meta({ description: "Field 6 (required)." }),
  patient_phone: Text.meta({ description: "Field 7: 10 digits." }),
  patient_email: Text,
  amount_due_cents: CentsIn.meta({ description: "Field 9: what the patient owes, in cents (required)." }),
  statement_date: DayText.meta({ description: "Field 10: the invoice date (required)." }),
  provider_id: Text,
  provider_name: Text,
  status: Text.meta({ description: "Field 23: the PMS's status code, at most 10 characters (required)." }),
  status_description: Text,
  recipient_street1: Text,
  recipient_street2: Text,
  recipient_city: Text,
  recipient_state: Text,
  recipient_zip: Text,
  recipient_zip4: Text,
  guarantor_id: Text.meta({ description: "Field 38: the account number; the patient ID when left out." }),
  guarantor_first_name: Text,
  guarantor_last_name: Text,
  total_charge_cents: CentsIn,
  payer_paid_cents: CentsIn,
  payer_adjustment_cents: CentsIn,
  patient_paid_cents: CentsIn,
  previous_balance_cents: CentsIn,
  statement_reference: Text,
  as_of: Instant.nullish().meta({
    description:
      "When the PMS read this balance (ISO 8601 with an offset). Portal payments the PMS had not heard of by then are kept as credits and taken off amount_due_cents (docs/files.md, the crossing rule). Left out, or in the future: now.",
  }),
});
export type TStatementUpsert = z.infer<typeof ZStatementUpsert>;

export const ZProblemTypeParams = z.strictObject({
  type: z.enum(PROBLEM_TYPE_NAMES as [TProblemType, ...TProblemType[]], {
    error: "There is no such kind of problem.",
  }),
});
