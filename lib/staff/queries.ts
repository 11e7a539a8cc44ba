import "server-only";
import { ACCOUNT_NAME_SELECT } from "@/lib/account-name";
import { getDb } from "@/lib/db";
import { parseIsoDay } from "@/lib/dates";
import { notFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/** US style "01/31/1980" or ISO "1980-01-31" → a calendar day. */
const parseDobQuery = (q: string) => {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(q);
  if (us) return parseIsoDay(`${us[3]}-${us[1]!.padStart(2, "0")}-${us[2]!.padStart(2, "0")}`);
  return parseIsoDay(q);
};

/** Text for a LIKE pattern that matches itself only (backslash is PostgreSQL's LIKE escape). */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/**
 * Staff search by account number, statement number, guarantor or patient name, or DOB, among
 * the accounts of the staff member's practice. Returns at most 50 accounts.
 */
export const searchAccounts = async ({ practiceId, query }: { practiceId: string; query: string }) => {
  const typed = query.trim().slice(0, 100);
  if (typed.length < 2) return [];
  const db = await getDb();
  const dob = parseDobQuery(typed);
  // Prisma matches `startsWith` and case-insensitive `equals` with (I)LIKE and passes the text
  // as it is: "%" and "_" would be wildcards ("%%" listed every account). Escaped, they are
  // characters like any other.
  const q = escapeLike(typed);
  const terms = typed
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(escapeLike);
  const nameMatch = (first: string, last: string): Prisma.AccountWhereInput =>
    terms.length >= 2
      ? {
          OR: [
            {
              AND: [
                { [first]: { startsWith: terms[0], mode: "insensitive" } },
                { [last]: { startsWith: terms[1], mode: "insensitive" } },
              ],
            },
            {
              AND: [
                { [last]: { startsWith: terms[0], mode: "insensitive" } },
                { [first]: { startsWith: terms[1], mode: "insensitive" } },
              ],
            },
          ],
        }
      : {
          OR: [
            { [first]: { startsWith: q, mode: "insensitive" } },
            { [last]: { startsWith: q, mode: "insensitive" } },
          ],
        };
  const or: Prisma.AccountWhereInput[] = [
    { accountNumber: { equals: q, mode: "insensitive" } },
    { statements: { some: { statementNumber: { equals: q, mode: "insensitive" } } } },
    nameMatch("guarantorFirstName", "guarantorLastName"),
    {
      statements: {
        some: (terms.length >= 2
          ? {
              OR: [
                {
                  patientFirstName: { startsWith: terms[0], mode: "insensitive" },
                  patientLastName: { startsWith: terms[1], mode: "insensitive" },
                },
                {
                  patientLastName: { startsWith: terms[0], mode: "insensitive" },
                  patientFirstName: { startsWith: terms[1], mode: "insensitive" },
                },
              ],
            }
          : {
              OR: [
                { patientFirstName: { startsWith: q, mode: "insensitive" } },
                { patientLastName: { startsWith: q, mode: "insensitive" } },
              ],
            }) as Prisma.StatementWhereInput,
      },
    },
  ];
  if (dob) or.push({ guarantorDob: dob }, { statements: { some: { patientDob: dob } } });
  const accounts = await db.account.findMany({
    where: { practiceId, OR: or },
    orderBy: [{ guarantorLastName: "asc" }, { accountNumber: "asc" }],
    take: 50,
    select: {
      ...ACCOUNT_NAME_SELECT,
      guarantorDob: true,
      statements: { where: { status: { not: "VOIDED" } }, select: { balanceCents: true } },
    },
  });
  return accounts.map(({ statements, ...a }) => ({
    ...a,
    balanceCents: statements.reduce((s, x) => s + x.balanceCents, 0),
  }));
};

/** An account of the staff member's practice; another practice's, like a missing one, is NOT_FOUND. */
export const getAccountForStaffOrThrow = async ({
  practiceId,
  accountId,
}: {
  practiceId: string;
  accountId: string;
}) => {
  const db = await getDb();
  const account = await db.account.findFirst({
    where: { id: accountId, practiceId },
    select: {
      ...ACCOUNT_NAME_SELECT,
      guarantorDob: true,
      email: true,
      phone: true,
      address1: true,
      city: true,
      state: true,
      zip: true,
      statements: {
        orderBy: { statementDate: "desc" },
        select: {
          id: true,
          statementNumber: true,
          statementDate: true,
          dueDate: true,
          status: true,
          amountDueCents: true,
          balanceCents: true,
          currency: true,
          patientFirstName: true,
          patientLastName: true,
        },
      },
      links: { select: { user: { select: { email: true } } } },
    },
  });
  if (!account) throw notFoundError("account");
  return account;
};

export const listAuditLog = async ({ page = 1, pageSize = 50 }: { page?: number; pageSize?: number }) => {
  const db = await getDb();
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ orderBy: { createdAt: "desc" }, skip: (page - 1) * pageSize, take: pageSize }),
    db.auditLog.count(),
  ]);
  return { rows, total, page, pageSize };
};

export const listOutbox = async ({ page = 1, pageSize = 25 }: { page?: number; pageSize?: number }) => {
  const db = await getDb();
  const [rows, total] = await Promise.all([
    db.outboxEmail.findMany({ orderBy: { createdAt: "desc" }, skip: (page - 1) * pageSize, take: pageSize }),
    db.outboxEmail.count(),
  ]);
  return { rows, total, page, pageSize };
};
