import "server-only";
import type { BankAccountType, Prisma } from "@/lib/generated/prisma/client";
import { recordAudit, type TAuditActor } from "@/lib/audit/record";
import { AUTOPAY_FILE_CONSENT_VERSION, autopayFileConsentText } from "@/lib/autopay/consent";
import {
  activeEnrollmentOf,
  changeEnrollmentTerms,
  endEnrollment,
  lockAccount,
  startEnrollment,
} from "@/lib/autopay/enrollment";
import { formatInstant, toIsoDay } from "@/lib/dates";
import type { TGatewayStoredMethod } from "@/lib/gateway/types";
import type { TRequestContext } from "@/lib/request-context";
import { SAVED_METHOD_LABEL_SELECT, walletMethodLabel } from "@/lib/method-label";

/**
 * Autopay as the practice's files set it (docs/files.md, "Importing autopay files"): the
 * enrolment file puts an account on autopay with a bank account the gateway vaulted, or takes
 * it off; the unenrolment file takes it off. Each function runs inside the importer's
 * transaction for one row and records its own audit rows; the importer records the row.
 */

type TTx = Prisma.TransactionClient;

/** Which file and row did it, for the audit rows and the consent text. */
export type TFileRowRef = {
  importFileId: string;
  fileName: string;
  lineNumber: number;
};

export type TFileEnrollmentOutcome = "enrolled" | "changed" | "unchanged";
export type TFileUnenrollmentOutcome = "unenrolled" | "already_off";

const METHOD_SELECT = { id: true, accountId: true, ...SAVED_METHOD_LABEL_SELECT } as const;

/**
 * An enrolment file's `Y` row: keeps the vaulted bank account as a method of the account (no
 * login owns it) and puts the account on autopay with it and the limit, under a consent saying
 * the practice obtained the authorisation (with the time the file arrived, no IP). An active
 * enrolment (the patient's own, or an earlier file's) takes the new terms in place, as a change
 * by the patient does: its planned charges keep their dates. The method it replaces is retired
 * when it was an account method nothing else uses. The same bank account again (the gateway's
 * fingerprint) is the method the account has, so a file that repeats an enrolment leaves it
 * `unchanged`. `no_limit`: the row has no limit and the account is not on autopay; nothing was
 * written.
 */
export const applyFileEnrollment = async (
  tx: TTx,
  {
    account,
    practice,
    stored,
    bankAccountType,
    holderName,
    nickname,
    limitCents,
    row,
    recordNumber,
    fileDate,
    actor,
    context,
    now,
  }: {
    account: { id: string; accountNumber: string };
    practice: { name: string; timeZone: string; autopayDaysAfterStatement: number };
    /** The gateway's answer for the vaulted account (its id is the token we keep). */
    stored: TGatewayStoredMethod;
    bankAccountType: BankAccountType;
    holderName: string;
    nickname: string | null;
    /** The file's limit, or null: the active enrolment's applies. */
    limitCents: number | null;
    row: TFileRowRef;
    recordNumber: number;
    fileDate: Date;
    actor: TAuditActor;
    context?: TRequestContext;
    now: Date;
  },
): Promise<{
  outcome: TFileEnrollmentOutcome | "no_limit";
  enrollmentId?: string;
  /** The account already had this bank account: the new vault entry is not used (take it out). */
  isVaultEntryUnused?: boolean;
}> => {
  await lockAccount(tx, account.id);
  const active = await activeEnrollmentOf(tx, account.id);
  const limit = limitCents ?? active?.limitCents ?? null;
  if (limit === null) return { outcome: "no_limit" };

  // The bank account the account already has (same fingerprint, type and holder: a monthly file
  // sends every enrolment again) is kept, the one in use first; the caller takes the new vault
  // entry out again. Otherwise the new one is kept: the gateway's id is unique, so a replayed
  // vault call (a re-sent file) finds the method it made.
  const same = stored.fingerprint
    ? await tx.paymentMethod.findMany({
        where: {
          accountId: account.id,
          userId: null,
          removedAt: null,
          kind: "ACH",
          fingerprint: stored.fingerprint,
          bankAccountType,
          holderName,
          gatewayToken: { not: stored.id },
        },
        orderBy: { createdAt: "asc" },
        select: METHOD_SELECT,
      })
    : [];
  const kept = same.find((m) => m.id === active?.paymentMethodId) ?? same[0];
  const method = kept
    ? await tx.paymentMethod.update({ where: { id: kept.id }, data: { nickname }, select: METHOD_SELECT })
    : await tx.paymentMethod.upsert({
        where: { gatewayToken: stored.id },
        create: {
          accountId: account.id,
          kind: "ACH",
          gatewayToken: stored.id,
          fingerprint: stored.fingerprint,
          last4: stored.last4,
          bankName: stored.bankName,
          bankAccountType,
          holderName,
          nickname,
        },
        update: {},
        select: METHOD_SELECT,
      });
  if (method.accountId !== account.id) throw new Error("the gateway's method belongs to another account");
  const isVaultEntryUnused = Boolean(kept);

  const consent = autopayFileConsentText({
    practiceName: practice.name,
    accountNumber: account.accountNumber,
    methodLabel: walletMethodLabel(method),
    holderName,
    limitCents: limit,
    daysAfterStatement: practice.autopayDaysAfterStatement,
    fileName: row.fileName,
    recordNumber,
    fileDate: toIsoDay(fileDate),
    receivedAt: formatInstant(now, practice.timeZone),
  });
  const source = { importFileId: row.importFileId, lineNumber: row.lineNumber, recordNumber };

  if (!active) {
    const enrollmentId = await startEnrollment(tx, {
      accountId: account.id,
      paymentMethodId: method.id,
      limitCents: limit,
      source: "FILE",
      consent,
      consentedAt: now,
      consentIp: null,
      actor,
      context,
      auditMetadata: { by: "file", ...source },
    });
    return { outcome: "enrolled", enrollmentId, isVaultEntryUnused };
  }

  if (active.paymentMethodId === method.id && active.limitCents === limit) {
    return { outcome: "unchanged", enrollmentId: active.id, isVaultEntryUnused };
  }
  await changeEnrollmentTerms(tx, {
    enrollmentId: active.id,
    paymentMethodId: method.id,
    limitCents: limit,
    consent,
    consentedAt: now,
    consentIp: null,
    source: "FILE",
  });
  if (active.paymentMethodId !== method.id) {
    // An account method (kept for a file, no login owns it) that nothing uses any more.
    await tx.paymentMethod.updateMany({
      where: {
        id: active.paymentMethodId,
        userId: null,
        removedAt: null,
        autopay: { none: { status: "ACTIVE" } },
        plans: { none: { status: "ACTIVE" } },
      },
      data: { removedAt: now, isDefault: false },
    });
  }
  await recordAudit(
    {
      actor,
      action: "autopay.changed",
      target: { type: "AutopayEnrollment", id: active.id },
      context,
      metadata: {
        from: {
          paymentMethodId: active.paymentMethodId,
          limitCents: active.limitCents,
          consentVersion: active.consentVersion,
          consentedAt: active.consentedAt.toISOString(),
        },
        to: { paymentMethodId: method.id, limitCents: limit, consentVersion: AUTOPAY_FILE_CONSENT_VERSION },
        by: "file",
        ...source,
      },
    },
    tx,
  );
  return { outcome: "changed", enrollmentId: active.id, isVaultEntryUnused };
};

/**
 * An enrolment file's `N` row, or an unenrolment file's row: turns the account's autopay off
 * (whoever enrolled it), as staff would. Already off is fine: the file's goal holds.
 */
export const applyFileUnenrollment = async (
  tx: TTx,
  {
    accountId,
    row,
    actor,
    context,
    now,
  }: { accountId: string; row: TFileRowRef; actor: TAuditActor; context?: TRequestContext; now: Date },
): Promise<{ outcome: TFileUnenrollmentOutcome }> => {
  await lockAccount(tx, accountId);
  const active = await activeEnrollmentOf(tx, accountId);
  if (!active || !(await endEnrollment(tx, { enrollmentId: active.id, now }))) {
    return { outcome: "already_off" };
  }
  await recordAudit(
    {
      actor,
      action: "autopay.unenrolled",
      target: { type: "AutopayEnrollment", id: active.id },
      context,
      metadata: { accountId, by: "file", importFileId: row.importFileId, lineNumber: row.lineNumber },
    },
    tx,
  );
  return { outcome: "unenrolled" };
};
