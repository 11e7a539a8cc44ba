import "server-only";
import type { z } from "zod";
import { getDb } from "@/lib/db";
import { toIsoDay } from "@/lib/dates";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PlanStatus } from "@/lib/generated/prisma/enums";
import { decodeCursor, encodeCursor } from "./cursor";
import { settledHorizon } from "./settled";
import type { ZApiPlan, ZApiPlanList, ZPlanListQuery } from "./schemas";

type TApiPlan = z.infer<typeof ZApiPlan>;

const API_PLAN_SELECT = {
  id: true,
  status: true,
  totalCents: true,
  downPaymentCents: true,
  installmentCents: true,
  installmentCount: true,
  frequency: true,
  startDate: true,
  currency: true,
  createdAt: true,
  updatedAt: true,
  cancelledAt: true,
  defaultedAt: true,
  account: { select: { accountNumber: true } },
  statements: { select: { statement: { select: { statementNumber: true } } }, orderBy: { createdAt: "asc" } },
  installments: {
    select: { sequence: true, dueDate: true, amountCents: true, status: true, paymentId: true },
    orderBy: { sequence: "asc" },
  },
} satisfies Prisma.PaymentPlanSelect;

const toApiPlan = (p: Prisma.PaymentPlanGetPayload<{ select: typeof API_PLAN_SELECT }>): TApiPlan => ({
  object: "plan",
  id: p.id,
  status: p.status.toLowerCase() as TApiPlan["status"],
  account_number: p.account.accountNumber,
  statement_numbers: p.statements.map((s) => s.statement.statementNumber),
  total_cents: p.totalCents,
  down_payment_cents: p.downPaymentCents,
  installment_cents: p.installmentCents,
  installment_count: p.installmentCount,
  frequency: p.frequency.toLowerCase() as TApiPlan["frequency"],
  start_date: toIsoDay(p.startDate),
  currency: p.currency,
  installments: p.installments.map((i) => ({
    sequence: i.sequence,
    due_date: toIsoDay(i.dueDate),
    amount_cents: i.amountCents,
    status: i.status.toLowerCase() as TApiPlan["installments"][number]["status"],
    payment_id: i.paymentId,
  })),
  created_at: p.createdAt.toISOString(),
  updated_at: p.updatedAt.toISOString(),
  cancelled_at: p.cancelledAt?.toISOString() ?? null,
  defaulted_at: p.defaultedAt?.toISOString() ?? null,
});

/** A page of the practice's plans in the order of their last change (settled ones only), as payments are listed. */
export const listApiPlans = async ({
  practiceId,
  query,
}: {
  practiceId: string;
  query: z.infer<typeof ZPlanListQuery>;
}): Promise<z.infer<typeof ZApiPlanList>> => {
  const db = await getDb();
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db.paymentPlan.findMany({
    where: {
      account: { practiceId, ...(query.account ? { accountNumber: query.account } : {}) },
      AND: [
        { updatedAt: { lte: await settledHorizon() } },
        ...(query.updated_since ? [{ updatedAt: { gte: new Date(query.updated_since) } }] : []),
        ...(after
          ? [{ OR: [{ updatedAt: { gt: after.at } }, { updatedAt: after.at, id: { gt: after.id } }] }]
          : []),
      ],
      ...(query.status ? { status: query.status.toUpperCase() as PlanStatus } : {}),
    },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take: query.limit + 1,
    select: API_PLAN_SELECT,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    object: "list",
    data: page.map(toApiPlan),
    has_more: rows.length > query.limit,
    next_cursor: last ? encodeCursor({ at: last.updatedAt, id: last.id }) : (query.cursor ?? null),
  };
};
