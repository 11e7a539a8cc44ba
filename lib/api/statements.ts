import "server-only";
import { createHash } from "node:crypto";
import type { z } from "zod";
import { auditRow } from "@/lib/audit/record";
import { getDb, openBulkConnection } from "@/lib/db";
import { newId } from "@/lib/db/ids";
import { sql } from "@/lib/db/sql";
import {
  BALANCE_FIELDS,
  BALANCE_MAX_FIELDS,
  BALANCE_RECORD_ID,
  readBalanceFields,
} from "@/lib/files/balance-file";
import type { TFileError } from "@/lib/files/fields";
import {
  accountNumberOf,
  importerErrors,
  insertNewAccounts,
  upsertStatements,
} from "@/lib/imports/balance-import";
import { applyBalanceCrossing } from "@/lib/imports/balance-crossing";
import { sendSmsNow } from "@/lib/sms/sender";
import { queueTextToPay } from "@/lib/text-to-pay/queue-texts";
import type { TRequestContext } from "@/lib/request-context";
import { toApiStatement } from "./accounts";
import { apiProblem, type TFieldProblem } from "./problem";
import type { TStatementUpsert, ZApiStatement } from "./schemas";

/**
 * PUT /api/v1/statements/{number}: one statement's balance in real time, as one row of the
 * balance file would set it (docs/files.md, "Importing balance files"): the body's fields go
 * through the file's own rules (readBalanceFields, importerErrors) and the import's own SQL
 * (insertNewAccounts, upsertStatements), so the API and the file accept and write the same.
 * Idempotent by `Idempotency-Key` (per practice, kept 24 hours): the key is claimed in the
 * same transaction as the write, so a second request with it waits for the first and gets its
 * answer; the same key with another request is refused.
 */

/** Where each JSON field goes in the balance row (the field numbers of docs/files.md). */
const FIELD_OF: Record<Exclude<keyof TStatementUpsert, "as_of">, number> = {
  patient_id: BALANCE_FIELDS.patientId.pos,
  patient_first_name: BALANCE_FIELDS.patientFirst.pos,
  patient_middle_name: BALANCE_FIELDS.patientMiddle.pos,
  patient_last_name: BALANCE_FIELDS.patientLast.pos,
  patient_dob: BALANCE_FIELDS.patientDob.pos,
  patient_phone: BALANCE_FIELDS.patientPhone.pos,
  patient_email: BALANCE_FIELDS.patientEmail.pos,
  amount_due_cents: BALANCE_FIELDS.amountDue.pos,
  statement_date: BALANCE_FIELDS.invoiceDate.pos,
  provider_id: BALANCE_FIELDS.providerId.pos,
  provider_name: BALANCE_FIELDS.providerName.pos,
  status: BALANCE_FIELDS.status.pos,
  status_description: BALANCE_FIELDS.statusDescription.pos,
  recipient_street1: BALANCE_FIELDS.recipientStreet1.pos,
  recipient_street2: BALANCE_FIELDS.recipientStreet2.pos,
  recipient_city: BALANCE_FIELDS.recipientCity.pos,
  recipient_state: BALANCE_FIELDS.recipientState.pos,
  recipient_zip: BALANCE_FIELDS.recipientZip.pos,
  recipient_zip4: BALANCE_FIELDS.recipientZip4.pos,
  guarantor_id: BALANCE_FIELDS.guarantorId.pos,
  guarantor_first_name: BALANCE_FIELDS.guarantorFirst.pos,
  guarantor_last_name: BALANCE_FIELDS.guarantorLast.pos,
  total_charge_cents: BALANCE_FIELDS.totalCharge.pos,
  payer_paid_cents: BALANCE_FIELDS.payerPaid.pos,
  payer_adjustment_cents: BALANCE_FIELDS.payerAdjustment.pos,
  patient_paid_cents: BALANCE_FIELDS.patientPaid.pos,
  previous_balance_cents: BALANCE_FIELDS.previousBalance.pos,
  statement_reference: BALANCE_FIELDS.statementReference.pos,
};
const NAME_OF = new Map<number, string>(Object.entries(FIELD_OF).map(([name, pos]) => [pos, name]));

/** Cents as the file writes dollars ("125.40", "-1.00"), for the file's amount rules to read. */
const dollars = (cents: number) => {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
};

/** The balance row the body stands for: field n at index n − 1. */
const balanceFieldsOf = ({
  body,
  number,
  clientId,
}: {
  body: TStatementUpsert;
  number: string;
  clientId: string;
}) => {
  const fields = Array.from({ length: BALANCE_MAX_FIELDS }, () => "");
  fields[0] = BALANCE_RECORD_ID;
  fields[BALANCE_FIELDS.invoiceNumber.pos - 1] = number;
  fields[BALANCE_FIELDS.clientId.pos - 1] = clientId;
  for (const [name, pos] of Object.entries(FIELD_OF) as [keyof typeof FIELD_OF, number][]) {
    const value = body[name];
    if (value === null || value === undefined) continue;
    fields[pos - 1] =
      typeof value === "number"
        ? dollars(value)
        : name.endsWith("_dob") || name.endsWith("_date")
          ? value.replaceAll("-", "")
          : value;
  }
  return fields;
};

/** A file error as the API's: the JSON field it is about, and the reason in the field's name. */
const toFieldProblem = (e: TFileError): TFieldProblem => {
  const name = e.field === BALANCE_FIELDS.invoiceNumber.pos ? "number" : NAME_OF.get(e.field);
  const field = e.field === BALANCE_FIELDS.invoiceNumber.pos ? "number" : name ? `/${name}` : "/";
  const detail = !name
    ? e.reason
    : /\(field \d+\)/.test(e.reason)
      ? e.reason.replace(/^.*?\(field \d+\)/, name).replace("in the form CCYYMMDD", "(YYYY-MM-DD)")
      : e.code === "MISSING_FIELD"
        ? `${name} is required.`
        : e.reason;
  return { field, code: e.code.toLowerCase(), detail };
};

/** The crossing rule's "as of": the PMS's time when it gave one in the past, else now. */
const asOfTime = (asOf: string | null | undefined, now: Date) => {
  const given = asOf ? new Date(asOf) : null;
  return given && given.getTime() < now.getTime() ? given : now;
};

const requestHashOf = (number: string, body: TStatementUpsert) =>
  createHash("sha256")
    .update(JSON.stringify([number, Object.entries(body).sort(([a], [b]) => (a < b ? -1 : 1))]))
    .digest("hex");

export type TUpsertAnswer = { status: 200 | 201; body: z.infer<typeof ZApiStatement>; isReplay: boolean };

export const upsertApiStatement = async ({
  practiceId,
  apiKeyId,
  apiKeyPrefix,
  number,
  body,
  idempotencyKey,
  context,
  now,
}: {
  practiceId: string;
  apiKeyId: string;
  apiKeyPrefix: string;
  number: string;
  body: TStatementUpsert;
  idempotencyKey: string;
  /** The caller's address and user agent, for the audit row. */
  context: TRequestContext;
  /** The request's time: the crossing rule's "as of" when the body gives none. */
  now: Date;
}): Promise<TUpsertAnswer> => {
  const db = await getDb();
  const { clientId } = await db.practice.findUniqueOrThrow({
    where: { id: practiceId },
    select: { clientId: true },
  });
  const read = readBalanceFields(balanceFieldsOf({ body, number, clientId }), { checkCharacters: true });
  const errors = read.ok ? importerErrors(read.record, clientId) : read.errors;
  if (!read.ok || errors.length > 0) {
    const problems = errors.map(toFieldProblem);
    throw apiProblem(
      "invalid-request",
      problems.length === 1 ? problems[0]!.detail : `${problems.length} fields are not valid.`,
      { errors: problems },
    );
  }
  const r = read.record;
  const account = accountNumberOf(r);
  const operation = `PUT /api/v1/statements/${number}`;
  const requestHash = requestHashOf(number, body);

  const conn = await openBulkConnection();
  let answer: TUpsertAnswer & { texts?: string[] };
  try {
    answer = await conn.transaction(async (tx): Promise<TUpsertAnswer & { texts?: string[] }> => {
      const claimed = await tx.query<{ id: string }>`
        INSERT INTO "api_idempotency" (id, "practiceId", "idempotencyKey", "apiKeyId", operation, "requestHash",
                                       status, "responseBody", "updatedAt")
        VALUES (${newId()}, ${practiceId}, ${idempotencyKey}, ${apiKeyId}, ${operation}, ${requestHash}, 0, '', now())
        ON CONFLICT ("practiceId", "idempotencyKey") DO NOTHING
        RETURNING id`;
      if (claimed.length === 0) {
        const [prior] = await tx.query<{
          operation: string;
          requestHash: string;
          status: number;
          responseBody: string;
        }>`
          SELECT operation, "requestHash", status, "responseBody" FROM "api_idempotency"
           WHERE "practiceId" = ${practiceId} AND "idempotencyKey" = ${idempotencyKey}`;
        if (!prior || prior.operation !== operation || prior.requestHash !== requestHash) {
          throw apiProblem(
            "idempotency-key-reused",
            "This Idempotency-Key was already used with another request: use a new key for a new change.",
          );
        }
        return {
          status: prior.status as 200 | 201,
          body: JSON.parse(prior.responseBody) as z.infer<typeof ZApiStatement>,
          isReplay: true,
        };
      }
      const [existing] = await tx.query<{ practiceId: string; accountNumber: string }>`
        SELECT a."practiceId", a."accountNumber" FROM "statement" s JOIN "account" a ON a.id = s."accountId"
         WHERE s."statementNumber" = ${number}
           FOR UPDATE OF s`;
      const conflict = () =>
        apiProblem(
          "statement-conflict",
          `Statement ${number} is a statement of another account: statement numbers are unique, and the balance file refuses this row too (ACCOUNT_MISMATCH).`,
        );
      if (existing && (existing.practiceId !== practiceId || existing.accountNumber !== account))
        throw conflict();
      await tx.run(
        insertNewAccounts({
          practiceId,
          source: sql`(VALUES (${newId()}, ${account}, ${r.guarantorFirstName ?? r.patientFirstName},
                              ${r.guarantorLastName ?? r.patientLastName}, ${r.guarantorId ? null : r.patientDob}::date,
                              ${r.patientEmail}, ${r.patientPhone}, ${r.recipientStreet1}, ${r.recipientStreet2},
                              ${r.recipientCity}, ${r.recipientState}, ${r.recipientZip}))
                      AS src (id, number, first, last, dob, email, phone, street1, street2, city, state, zip)`,
        }),
      );
      const written = await tx.run(
        upsertStatements({
          practiceId,
          importFileId: null,
          source: sql`(VALUES (${newId()}, ${number}, ${account}, ${r.invoiceDate}::date, ${r.amountDueCents}::int,
                              ${r.totalChargeCents}::int, ${r.payerPaidCents}::int, ${r.payerAdjustmentCents}::int,
                              ${r.patientFirstName}, ${r.patientMiddleName}, ${r.patientLastName}, ${r.patientDob}::date,
                              ${r.recipientZip}, ${r.providerName}))
                      AS r (id, number, account, day, due, charges, payer_paid, adjustments, first, middle, last, dob,
                            zip, provider)`,
        }),
      );
      if (written !== 1) throw conflict();
      await applyBalanceCrossing(tx, {
        practiceId,
        statementNumbers: [number],
        asOf: asOfTime(body.as_of, now),
      });
      const texts = await queueTextToPay(tx, { practiceId, statementNumbers: [number], now });
      const [row] = await tx.query<{
        statementNumber: string;
        status: "OPEN" | "PARTIALLY_PAID" | "PAID" | "VOIDED";
        statementDate: Date;
        dueDate: Date | null;
        amountDueCents: number;
        balanceCents: number;
        totalChargesCents: number;
        insurancePaidCents: number;
        adjustmentsCents: number;
        currency: string;
        providerName: string | null;
        createdAt: Date;
        updatedAt: Date;
        id: string;
      }>`
        SELECT s.id, s."statementNumber", s.status, s."statementDate", s."dueDate", s."amountDueCents", s."balanceCents",
               s."totalChargesCents", s."insurancePaidCents", s."adjustmentsCents", s.currency, s."providerName",
               s."createdAt", s."updatedAt"
          FROM "statement" s WHERE s."statementNumber" = ${number}`;
      const statement = toApiStatement({ ...row!, account: { accountNumber: account } });
      const status = existing ? 200 : 201;
      const audit = auditRow({
        actor: { kind: "system", label: `api key ${apiKeyPrefix}…` },
        context,
        action: existing ? "api.statement_updated" : "api.statement_created",
        target: { type: "Statement", id: row!.id },
        metadata: {
          apiKeyId,
          apiKey: apiKeyPrefix,
          statementNumber: number,
          amountDueCents: r.amountDueCents,
        },
      });
      await tx.run`
        INSERT INTO "audit_log" (id, "actorRole", "actorLabel", action, "targetType", "targetId", outcome, ip,
                                 "userAgent", metadata)
        VALUES (${newId()}, ${audit.actorRole}, ${audit.actorLabel}, ${audit.action}, ${audit.targetType},
                ${audit.targetId}, ${audit.outcome}, ${audit.ip}, ${audit.userAgent},
                ${JSON.stringify(audit.metadata)}::jsonb)`;
      await tx.run`
        UPDATE "api_idempotency" SET status = ${status}, "responseBody" = ${JSON.stringify(statement)}, "updatedAt" = now()
         WHERE id = ${claimed[0]!.id}`;
      return { status, body: statement, isReplay: false, texts };
    });
  } finally {
    await conn.close();
  }
  // A statement's text-to-pay text, made due with it, goes once the write has committed.
  const { texts = [], ...upserted } = answer;
  await sendSmsNow(texts);
  return upserted;
};
