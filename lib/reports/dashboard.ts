import "server-only";
import { getDb } from "@/lib/db";
import { prismaSql, sql, type TSqlFragment } from "@/lib/db/sql";
import { DAY_MS, addDays, parseIsoDay, startOfDayInZone, toIsoDay, todayInZone } from "@/lib/dates";
import type { PaymentChannel, PaymentMethodKind, PaymentStatus } from "@/lib/generated/prisma/enums";
import {
  CHANNEL_KEYS,
  METHOD_KEYS,
  NO_FILTERS,
  STATUS_FILTERS,
  methodFilterOf,
  reportChannelOf,
  transactionsHref,
  type TChannelFilter,
  type TMethodFilter,
  type TStatusFilter,
  type TTransactionFilters,
} from "./filters";
import { transactionTotals, transactionsWhere, type TTransactionScope } from "./transactions";

/**
 * The staff dashboard's figures (docs/reports.md). Each is a count and a sum of integer cents
 * with the link to the transactions list filtered to exactly the payments behind it: the same
 * WHERE (`transactionsWhere`) and the same days, in the practice's zone, by the payment's
 * creation. A refund is counted by its payment's day, with the amount refunded so far.
 */

export type TFigure = { count: number; cents: number; href: string };

export type TPeriodFigures = {
  label: string;
  from: Date;
  to: Date;
  collected: TFigure;
  byChannel: Record<TChannelFilter, TFigure>;
  byMethod: Record<TMethodFilter, TFigure>;
  declines: TFigure;
  refunds: TFigure;
  voids: TFigure;
  returns: TFigure;
};

export type TDashboard = {
  today: TPeriodFigures;
  month: TPeriodFigures;
  pending: TFigure;
  /** One point a day, oldest first, over the last `days` days up to today. */
  daily: { day: Date; collected: TFigure }[];
  days: number;
};

export const CHART_DAYS = [30, 90] as const;
export type TChartDays = (typeof CHART_DAYS)[number];

type TGroup = {
  /** Made today (else earlier this month). */
  isToday: boolean;
  channel: PaymentChannel;
  hasLogin: boolean;
  methodKind: PaymentMethodKind;
  status: PaymentStatus;
  count: number;
  amountCents: bigint | number;
  refundedCents: bigint | number;
};

const inStatus = (filter: TStatusFilter, status: PaymentStatus) =>
  (STATUS_FILTERS[filter].statuses as readonly PaymentStatus[]).includes(status);

const figureOf = (
  groups: readonly TGroup[],
  filters: Partial<TTransactionFilters>,
  { cents = "amount" }: { cents?: "amount" | "refunded" } = {},
): TFigure => {
  const hit = groups.filter(
    (g) =>
      (!filters.status || inStatus(filters.status, g.status)) &&
      (!filters.channel ||
        reportChannelOf({ channel: g.channel, payerUserId: g.hasLogin ? "login" : null }) ===
          filters.channel) &&
      (!filters.method || methodFilterOf(g.methodKind) === filters.method),
  );
  return {
    count: hit.reduce((n, g) => n + g.count, 0),
    cents: hit.reduce((n, g) => n + Number(cents === "amount" ? g.amountCents : g.refundedCents), 0),
    href: transactionsHref(filters),
  };
};

const periodFigures = (label: string, from: Date, to: Date, groups: readonly TGroup[]): TPeriodFigures => {
  const base = { from, to };
  return {
    label,
    from,
    to,
    collected: figureOf(groups, { ...base, status: "collected" }),
    byChannel: Object.fromEntries(
      CHANNEL_KEYS.map((channel) => [channel, figureOf(groups, { ...base, status: "collected", channel })]),
    ) as Record<TChannelFilter, TFigure>,
    byMethod: Object.fromEntries(
      METHOD_KEYS.map((method) => [method, figureOf(groups, { ...base, status: "collected", method })]),
    ) as Record<TMethodFilter, TFigure>,
    declines: figureOf(groups, { ...base, status: "declines" }),
    refunds: figureOf(groups, { ...base, status: "refunds" }, { cents: "refunded" }),
    voids: figureOf(groups, { ...base, status: "voided" }),
    returns: figureOf(groups, { ...base, status: "returned" }),
  };
};

/**
 * Today's and this month's figures, what is still pending (whenever it began), and the daily
 * collections of the last `days` days, for the practice, on its clock: three reads at once, each
 * answering with a few rows (the month's groups, a row a day, the pending total).
 */
export const getDashboard = async ({
  scope,
  now,
  days = 30,
}: {
  scope: TTransactionScope;
  now: Date;
  days?: TChartDays;
}): Promise<TDashboard> => {
  const today = todayInZone(scope.timeZone, now);
  const monthStart = parseIsoDay(`${toIsoDay(today).slice(0, 8)}01`)!;
  const chartStart = addDays(today, -(days - 1));
  const db = await getDb();
  const run = <T>(query: TSqlFragment) => db.$queryRaw<T[]>(prismaSql(query));
  // This month's payments by the few things the figures tell apart (a group per combination).
  const monthQuery = sql`
    SELECT p."createdAt" >= ${startOfDayInZone(today, scope.timeZone)}::timestamptz AS "isToday", p.channel,
           (p."payerUserId" IS NOT NULL) AS "hasLogin", p."methodKind", p.status, count(*)::int AS count,
           sum(p."amountCents")::bigint AS "amountCents", sum(p."refundedCents")::bigint AS "refundedCents"
      FROM "payment" p
     WHERE ${transactionsWhere(scope, { ...NO_FILTERS, from: monthStart, to: today })}
     GROUP BY 1, 2, 3, 4, 5`;
  // The chart's days: what was collected each day, a row a day (the day as a date, then as text).
  const dailyQuery = sql`
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day, d.count, d."amountCents"
      FROM (SELECT (p."createdAt" AT TIME ZONE ${scope.timeZone})::date AS day, count(*)::int AS count,
                   sum(p."amountCents")::bigint AS "amountCents"
              FROM "payment" p
             WHERE ${transactionsWhere(scope, { ...NO_FILTERS, from: chartStart, to: today, status: "collected" })}
             GROUP BY 1) d`;
  const [groups, collectedDays, pending] = await Promise.all([
    run<TGroup>(monthQuery),
    run<{ day: string; count: number; amountCents: bigint | number }>(dailyQuery),
    transactionTotals({ scope, filters: { ...NO_FILTERS, status: "pending" } }),
  ]);
  const collectedOn = new Map(collectedDays.map((d) => [d.day, d]));
  const daily = Array.from({ length: days }, (_, i) => {
    const day = new Date(chartStart.getTime() + i * DAY_MS);
    const found = collectedOn.get(toIsoDay(day));
    return {
      day,
      collected: {
        count: found?.count ?? 0,
        cents: Number(found?.amountCents ?? 0),
        href: transactionsHref({ from: day, to: day, status: "collected" }),
      },
    };
  });
  return {
    today: periodFigures(
      "Today",
      today,
      today,
      groups.filter((g) => g.isToday),
    ),
    month: periodFigures("This month", monthStart, today, groups),
    pending: {
      count: pending.count,
      cents: pending.amountCents,
      href: transactionsHref({ status: "pending" }),
    },
    daily,
    days,
  };
};
