import { randomUUID } from "node:crypto";
import { actingStaff, type TActingStaff } from "@/lib/audit/actor";
import type { TStaffRole } from "@/lib/auth/permissions";
import type { TStaffActor } from "@/lib/auth/session";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * A second practice beside the seeded demo practice, with a billing manager, an admin and one
 * account with one statement of its own. Its account has the demo account's number (A-1001), as
 * two practices' systems may well number alike, so a search by number must still keep to the
 * searcher's practice. Its staff are strangers to the demo practice's records.
 */
export const makeOtherPractice = async (db: PrismaClient) => {
  const tag = randomUUID().slice(0, 8);
  const practice = await db.practice.create({
    data: { name: "Lakeside Pediatrics", clientId: `LKP-${tag}`, timeZone: "America/Chicago" },
  });
  const person = async (role: TStaffRole): Promise<TStaffActor> => {
    const user = await db.user.create({
      data: {
        email: `${role.toLowerCase()}-${tag}@lakeside.example`,
        role,
        practiceId: practice.id,
        firstName: "Lee",
        lastName: role === "ADMIN" ? "Admin" : "Staff",
      },
    });
    return {
      userId: user.id,
      email: user.email,
      role: user.role,
      name: `${user.firstName} ${user.lastName}`,
      practiceId: practice.id,
    };
  };
  const staff = await person("BILLING_MANAGER");
  const admin = await person("ADMIN");
  const account = await db.account.create({
    data: {
      practiceId: practice.id,
      accountNumber: "A-1001",
      guarantorFirstName: "Robin",
      guarantorLastName: "Lakeside",
      guarantorDob: new Date("1990-02-02T00:00:00Z"),
    },
  });
  const statement = await db.statement.create({
    data: {
      accountId: account.id,
      statementNumber: `LK-${tag}`,
      statementDate: new Date("2026-10-01T00:00:00Z"),
      amountDueCents: 4000, // $40.00
      balanceCents: 4000, // $40.00
      patientFirstName: "Robin",
      patientLastName: "Lakeside",
      patientDob: new Date("1990-02-02T00:00:00Z"),
    },
  });
  return {
    practiceId: practice.id,
    staff,
    admin,
    /** The staff member and the admin as the one acting on a patient's plan or autopay. */
    acting: [actingStaff(staff), actingStaff(admin)] as TActingStaff[],
    accountId: account.id,
    statementId: statement.id,
    statementNumber: statement.statementNumber,
  };
};
export type TOtherPractice = Awaited<ReturnType<typeof makeOtherPractice>>;
