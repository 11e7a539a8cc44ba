import { parse } from "csv-parse/sync";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { isStrongEnough, PASSWORD_RULES } from "@/lib/auth/password-rules";
import type { TStaffRole } from "@/lib/auth/permissions";
import { mapInstamedRoles } from "@/lib/staff-users/instamed-roles";

/**
 * InstaMed's staff user export, read with csv-parse (RFC 4180: quoted fields, doubled quotes,
 * commas and line breaks inside quotes, a byte-order mark). Columns are found by their header
 * (any order, case and spaces ignored): User ID, Display Name, Email, Password, Home Page,
 * Primary Group, Role 1 … Role 10. Home Page and Primary Group have no meaning here and are
 * ignored. Each data row becomes a staff user or a rejection with its line and reason; the
 * reasons never quote the password.
 */
export type TStaffCsvRow = {
  line: number;
  externalUserId: string;
  email: string;
  firstName: string;
  lastName: string;
  temporaryPassword: string;
  role: TStaffRole;
};
export type TStaffCsvRejection = { line: number; reason: string };

const REQUIRED = ["user id", "display name", "email", "password", "role 1"] as const;
const ROLE_COLUMNS = Array.from({ length: 10 }, (_, i) => `role ${i + 1}`);
const ZEmail = z.string().email().max(254);

const headerKey = (value: string) => value.trim().toLowerCase().replace(/\s+/g, " ");

/** "Last, First" or "First Middle Last" → first and last names. */
const splitDisplayName = (display: string) => {
  const name = display.trim().replace(/\s+/g, " ");
  const comma = name.indexOf(",");
  if (comma > 0) return { firstName: name.slice(comma + 1).trim(), lastName: name.slice(0, comma).trim() };
  const space = name.lastIndexOf(" ");
  return space > 0
    ? { firstName: name.slice(0, space), lastName: name.slice(space + 1) }
    : { firstName: name, lastName: name };
};

/** A file that is not a staff CSV at all: VALIDATION, with what is wrong. */
const notAStaffCsv = (userMessage: string) => new AppError("VALIDATION", { userMessage });

/** The rows of a staff CSV, or VALIDATION for a file that is not one (no header, bad quoting). */
export const parseStaffCsv = (text: string): { rows: TStaffCsvRow[]; rejected: TStaffCsvRejection[] } => {
  let records: { record: string[]; line: number }[];
  try {
    records = (
      parse(text, {
        bom: true,
        relax_column_count: true,
        skip_empty_lines: true,
        info: true,
      }) as unknown as { record: string[]; info: { lines: number } }[]
    ).map(({ record, info }) => ({ record, line: info.lines }));
  } catch (error) {
    const at = (error as { lines?: number }).lines;
    throw notAStaffCsv(`This is not a readable CSV file${at ? ` (line ${at})` : ""}.`);
  }
  const [header, ...data] = records;
  if (!header) throw notAStaffCsv("The file is empty.");
  const columns = new Map(header.record.map((name, i) => [headerKey(name), i]));
  const missing = REQUIRED.filter((name) => !columns.has(name));
  if (missing.length > 0) {
    throw notAStaffCsv(
      `The header has no ${missing.map((m) => `“${m.replace(/\b\w/g, (c) => c.toUpperCase())}”`).join(", ")} column.`,
    );
  }
  const cell = (record: string[], name: string) => {
    const i = columns.get(name);
    return i === undefined ? "" : (record[i] ?? "").trim();
  };
  const rows: TStaffCsvRow[] = [];
  const rejected: TStaffCsvRejection[] = [];
  const seenEmails = new Map<string, number>();
  const seenIds = new Map<string, number>();
  for (const { record, line } of data) {
    const reject = (reason: string) => rejected.push({ line, reason });
    const externalUserId = cell(record, "user id");
    const email = cell(record, "email").toLowerCase();
    const display = cell(record, "display name");
    // Not trimmed: a password's spaces are its own.
    const passwordIndex = columns.get("password")!;
    const temporaryPassword = record[passwordIndex] ?? "";
    if (!externalUserId) {
      reject("The User ID is empty.");
      continue;
    }
    if (externalUserId.length > 100) {
      reject("The User ID is longer than 100 characters.");
      continue;
    }
    if (!ZEmail.safeParse(email).success) {
      reject("The Email is not a valid email address.");
      continue;
    }
    if (!display || display.length > 160) {
      reject(display ? "The Display Name is longer than 160 characters." : "The Display Name is empty.");
      continue;
    }
    if (!isStrongEnough(temporaryPassword)) {
      reject(`The temporary Password does not meet the password rules (${PASSWORD_RULES})`);
      continue;
    }
    const roles = mapInstamedRoles(ROLE_COLUMNS.map((name) => cell(record, name)));
    if ("unknown" in roles) {
      reject(`Unknown role “${roles.unknown.slice(0, 60)}” (docs/staff-users.md lists the roles we know).`);
      continue;
    }
    if ("none" in roles) {
      reject("No role is given (Role 1 to Role 10 are all empty).");
      continue;
    }
    const earlierEmail = seenEmails.get(email);
    if (earlierEmail !== undefined) {
      reject(`The Email repeats line ${earlierEmail}.`);
      continue;
    }
    const earlierId = seenIds.get(externalUserId);
    if (earlierId !== undefined) {
      reject(`The User ID repeats line ${earlierId}.`);
      continue;
    }
    seenEmails.set(email, line);
    seenIds.set(externalUserId, line);
    rows.push({
      line,
      externalUserId,
      email,
      ...splitDisplayName(display),
      temporaryPassword,
      role: roles.role,
    });
  }
  return { rows, rejected };
};
