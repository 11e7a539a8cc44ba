import { z } from "zod";
import type { PaymentChannel, PaymentMethodKind, PaymentStatus } from "@/lib/generated/prisma/enums";
import { parseIsoDay, toIsoDay } from "@/lib/dates";
import { centsToDecimal, parseDollarsToCents } from "@/lib/money";

/**
 * The transactions list's filters, as they live in the page's address (search params): what
 * the filter form sends, what every dashboard figure links to, and what the CSV export reads.
 * Safe to import on the client.
 */

/** What a status filter means: one status, or a group the dashboard counts. */
export const STATUS_FILTERS = {
  collected: {
    label: "Collected (approved; not voided, declined or returned)",
    statuses: ["AUTHORIZED", "CAPTURED", "SETTLED", "PARTIALLY_REFUNDED", "REFUNDED"],
  },
  refunds: { label: "Refunded in part or in full", statuses: ["PARTIALLY_REFUNDED", "REFUNDED"] },
  declines: { label: "Declined or failed", statuses: ["DECLINED", "FAILED"] },
  pending: { label: "Pending", statuses: ["PENDING"] },
  authorized: { label: "Authorized", statuses: ["AUTHORIZED"] },
  captured: { label: "Captured", statuses: ["CAPTURED"] },
  settled: { label: "Settled", statuses: ["SETTLED"] },
  declined: { label: "Declined", statuses: ["DECLINED"] },
  failed: { label: "Failed", statuses: ["FAILED"] },
  voided: { label: "Voided", statuses: ["VOIDED"] },
  partially_refunded: { label: "Partially refunded", statuses: ["PARTIALLY_REFUNDED"] },
  refunded: { label: "Refunded", statuses: ["REFUNDED"] },
  returned: { label: "Returned", statuses: ["RETURNED"] },
} as const satisfies Record<string, { label: string; statuses: readonly PaymentStatus[] }>;
export type TStatusFilter = keyof typeof STATUS_FILTERS;

/**
 * The channels as a billing office names them. The portal's WEB channel is two of them: a
 * patient signed in (a payer login) or a guest (none). The staff terminal is every channel staff
 * take a payment on (phone, desk, mail).
 */
export const CHANNEL_FILTERS = {
  portal: { label: "Patient portal", channels: ["WEB"], payer: "login" },
  guest: { label: "Guest (no sign-in)", channels: ["WEB"], payer: "none" },
  autopay: { label: "Autopay", channels: ["AUTOPAY"], payer: "any" },
  plan: { label: "Payment plan", channels: ["PLAN"], payer: "any" },
  staff: { label: "Staff terminal", channels: ["STAFF_PHONE", "STAFF_OFFICE", "MAIL"], payer: "any" },
  import: { label: "Imported file (IDF)", channels: ["IMPORT"], payer: "any" },
} as const satisfies Record<
  string,
  { label: string; channels: readonly PaymentChannel[]; payer: "login" | "none" | "any" }
>;
export type TChannelFilter = keyof typeof CHANNEL_FILTERS;
export const CHANNEL_KEYS = Object.keys(CHANNEL_FILTERS) as TChannelFilter[];

/** Which of the office's channels a payment came in on. */
export const reportChannelOf = ({
  channel,
  payerUserId,
}: {
  channel: PaymentChannel;
  payerUserId: string | null;
}): TChannelFilter => {
  if (channel === "WEB") return payerUserId ? "portal" : "guest";
  return CHANNEL_KEYS.find((key) => (CHANNEL_FILTERS[key].channels as readonly string[]).includes(channel))!;
};

export const METHOD_FILTERS = {
  card: { label: "Card", kind: "CARD" },
  ach: { label: "Bank account (ACH)", kind: "ACH" },
  apple_pay: { label: "Apple Pay", kind: "APPLE_PAY" },
  google_pay: { label: "Google Pay", kind: "GOOGLE_PAY" },
  cash: { label: "Cash", kind: "CASH" },
  check: { label: "Check", kind: "CHECK" },
} as const satisfies Record<string, { label: string; kind: PaymentMethodKind }>;
export type TMethodFilter = keyof typeof METHOD_FILTERS;
export const METHOD_KEYS = Object.keys(METHOD_FILTERS) as TMethodFilter[];

export const methodFilterOf = (kind: PaymentMethodKind) =>
  METHOD_KEYS.find((key) => METHOD_FILTERS[key].kind === kind)!;

export const SORTS = {
  newest: "Newest first",
  oldest: "Oldest first",
  amount_desc: "Largest amount first",
  amount_asc: "Smallest amount first",
} as const;
export type TSort = keyof typeof SORTS;

/** Where the last row of a page sat in the list's order: its sort key and its id. */
export type TTransactionCursor = { sort: TSort; key: Date | number; id: string };

export const isTimeSort = (sort: TSort) => sort === "newest" || sort === "oldest";

export const encodeTransactionCursor = ({ sort, key, id }: TTransactionCursor) =>
  Buffer.from(JSON.stringify([sort, key instanceof Date ? key.toISOString() : key, id])).toString(
    "base64url",
  );

/** The cursor, when it is one this list gave for this sort; null otherwise. */
export const decodeTransactionCursor = (text: string, sort: TSort): TTransactionCursor | null => {
  try {
    const [s, key, id] = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown[];
    if (s !== sort || typeof id !== "string" || id.length === 0 || id.length > 64) return null;
    if (isTimeSort(sort)) {
      if (typeof key !== "string") return null;
      const at = new Date(key);
      return Number.isNaN(at.getTime()) ? null : { sort, key: at, id };
    }
    return typeof key === "number" && Number.isSafeInteger(key) ? { sort, key, id } : null;
  } catch {
    return null;
  }
};

/** One value of a search param (the first, when it is given twice), trimmed; undefined when absent or empty. */
const firstValue = (v: unknown) => {
  const value: unknown = Array.isArray(v) ? v[0] : v;
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
};

const optional = <T>(schema: z.ZodType<T, string>) =>
  z.preprocess(firstValue, z.string().max(200, "Keep this under 200 characters.").pipe(schema).optional());

const day = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${what} date as YYYY-MM-DD.`)
    .pipe(z.string().refine((v) => parseIsoDay(v) !== null, `Enter a real ${what} date.`))
    .transform((v) => parseIsoDay(v)!);

const dollars = (what: string) =>
  z
    .string()
    .refine((v) => parseDollarsToCents(v) !== null, `Enter the ${what} amount in dollars, like 25 or 25.00.`)
    .transform((v) => parseDollarsToCents(v) as number);

const oneOf = <T extends string>(keys: readonly T[], message: string) =>
  z.enum(keys as [T, ...T[]], { message });

/** The list's filters from the page's search params (each absent or empty one is no filter). */
export const ZTransactionFilters = z
  .object({
    from: optional(day("start")),
    to: optional(day("end")),
    status: optional(oneOf(Object.keys(STATUS_FILTERS) as TStatusFilter[], "Choose a status from the list.")),
    method: optional(oneOf(METHOD_KEYS, "Choose a method from the list.")),
    channel: optional(oneOf(CHANNEL_KEYS, "Choose a channel from the list.")),
    min: optional(dollars("smallest")),
    max: optional(dollars("largest")),
    staff: optional(z.string().max(64, "Choose a staff member from the list.")),
    receipt: optional(z.string().max(40, "A receipt number is at most 40 characters.")),
    last4: optional(z.string().regex(/^\d{4}$/, "Enter the last 4 digits of the card or bank account.")),
    account: optional(z.string().max(40, "An account number is at most 40 characters.")),
    batch: optional(z.string().max(64, "Open a deposit from the deposits page.")),
    sort: z.preprocess(
      firstValue,
      oneOf(Object.keys(SORTS) as TSort[], "Choose an order from the list.").default("newest"),
    ),
    cursor: optional(z.string()),
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.to < f.from) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date." });
    }
    if (f.min !== undefined && f.max !== undefined && f.max < f.min) {
      ctx.addIssue({
        code: "custom",
        path: ["max"],
        message: "The largest amount is less than the smallest.",
      });
    }
    if (f.cursor && !decodeTransactionCursor(f.cursor, f.sort)) {
      ctx.addIssue({
        code: "custom",
        path: ["cursor"],
        message: "This page link does not fit the list any more: start again from the first page.",
      });
    }
  })
  .transform(({ cursor, ...f }) => ({
    ...f,
    after: cursor ? decodeTransactionCursor(cursor, f.sort) : null,
  }));

export type TTransactionFilters = z.output<typeof ZTransactionFilters>;
export type TFilterField = keyof z.input<typeof ZTransactionFilters>;

/** The filters with none set (newest first). */
export const NO_FILTERS: TTransactionFilters = ZTransactionFilters.parse({});

/**
 * The search params that say these filters (for a link to the list, its next page, its CSV):
 * only what is set, in a fixed order; `cursor` for a page after the first.
 */
export const filtersToSearchParams = (
  f: Partial<TTransactionFilters>,
  { cursor }: { cursor?: string | null } = {},
) => {
  const params = new URLSearchParams();
  const put = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== "") params.set(name, value);
  };
  put("from", f.from && toIsoDay(f.from));
  put("to", f.to && toIsoDay(f.to));
  put("status", f.status);
  put("method", f.method);
  put("channel", f.channel);
  put("min", f.min === undefined ? undefined : centsToDecimal(f.min));
  put("max", f.max === undefined ? undefined : centsToDecimal(f.max));
  put("staff", f.staff);
  put("receipt", f.receipt);
  put("last4", f.last4);
  put("account", f.account);
  put("batch", f.batch);
  if (f.sort && f.sort !== "newest") put("sort", f.sort);
  put("cursor", cursor ?? undefined);
  return params;
};

/** `/staff/transactions?…` for these filters. */
export const transactionsHref = (f: Partial<TTransactionFilters>, options?: { cursor?: string | null }) => {
  const query = filtersToSearchParams(f, options).toString();
  return query ? `/staff/transactions?${query}` : "/staff/transactions";
};
