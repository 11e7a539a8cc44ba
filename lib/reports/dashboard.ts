import "server-only";
import { getDb } from "@/lib/db";
import { sql } from "@/lib/db/sql";
import { DAY_MS, addDays, parseIsoDay, toIsoDay, todayInZone } from "@/lib/dates";
import { Prisma } from "@/lib/generated/prisma/client";
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
  day: string;
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

/** The groups by their day ("YYYY-MM-DD"). */
type TByDay = Map<string, TGroup[]>;

/** The groups of the days from `from` to `to`, both included. */
const onDays = (byDay: TByDay, from: Date, to: Date) => {
  const groups: TGroup[] = [];
  for (let t = from.getTime(); t <= to.getTime(); t += DAY_MS)
    groups.push(...(byDay.get(toIsoDay(new Date(t))) ?? []));
  return groups;
};

const periodFigures = (label: string, from: Date, to: Date, byDay: TByDay): TPeriodFigures => {
  const groups = onDays(byDay, from, to);
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
 * collections of the last `days` days, for the practice, on its clock. One grouped read of the
 * days covered plus one for what is pending.
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
  const from = chartStart < monthStart ? chartStart : monthStart;
  const db = await getDb();
  // Grouped by the day as a date first (cheap per row), written as text once per group.
  const query = sql`
    SELECT to_char(g.day, 'YYYY-MM-DD') AS day, g.channel, g."hasLogin", g."methodKind", g.status, g.count,
           g."amountCents", g."refundedCents"
      FROM (SELECT (p."createdAt" AT TIME ZONE ${scope.timeZone})::date AS day, p.channel,
                   (p."payerUserId" IS NOT NULL) AS "hasLogin", p."methodKind", p.status,
                   count(*)::int AS count, sum(p."amountCents")::bigint AS "amountCents",
                   sum(p."refundedCents")::bigint AS "refundedCents"
              FROM "payment" p
             WHERE ${transactionsWhere(scope, { ...NO_FILTERS, from, to: today })}
             GROUP BY 1, 2, 3, 4, 5) g`;
  const [groups, pending] = await Promise.all([
    db.$queryRaw<TGroup[]>(new Prisma.Sql(query.strings, query.values as unknown[])),
    transactionTotals({ scope, filters: { ...NO_FILTERS, status: "pending" } }),
  ]);
  const byDay: TByDay = new Map();
  for (const g of groups) {
    const list = byDay.get(g.day);
    if (list) list.push(g);
    else byDay.set(g.day, [g]);
  }
  const daily = Array.from({ length: days }, (_, i) => {
    const day = new Date(chartStart.getTime() + i * DAY_MS);
    return {
      day,
      collected: figureOf(onDays(byDay, day, day), { from: day, to: day, status: "collected" }),
    };
  });
  return {
    today: periodFigures("Today", today, today, byDay),
    month: periodFigures("This month", monthStart, today, byDay),
    pending: {
      count: pending.count,
      cents: pending.amountCents,
      href: transactionsHref({ status: "pending" }),
    },
    daily,
    days,
  };
};
