import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { addDays, parseIsoDay, todayInZone } from "@/lib/dates";

/** The fixed demo data of docs/product.md §4. The README lists the same values. */
export const DEMO = {
  practice: { name: "Riverside Family Medicine", clientId: "RFM001", timeZone: "America/New_York" },
  patient: { email: "pat@example.com", password: "Demo-Patient-1" },
  staff: { email: "staff@example.com", password: "Demo-Staff-1" },
  admin: { email: "admin@example.com", password: "Demo-Admin-1" },
  clerk: { email: "clerk@example.com", password: "Demo-Clerk-1" },
  auditor: { email: "auditor@example.com", password: "Demo-Auditor-1" },
  /** A family member of Pat's with PAY access to A-1001 (an accepted invitation: lib/access). */
  familyPayer: { email: "jamie@example.com", password: "Demo-Family-1" },
  /** A family member of Pat's with MANAGE access to A-1001: also sets up plans and autopay on it. */
  familyManager: { email: "alex@example.com", password: "Demo-Manager-1" },
  guestStatement: {
    statementNumber: "ST-1001",
    accountNumber: "A-1001",
    dob: "1980-01-01",
    zip: "19103",
    balanceCents: 12540,
  }, // $125.40
  secondStatement: { statementNumber: "ST-1002", balanceCents: 89000 }, // $890.00
  otherPatient: {
    accountNumber: "A-2001",
    statementNumber: "ST-2001",
    dob: "1975-06-15",
    zip: "10001",
    balanceCents: 6000,
  }, // $60.00
} as const;

type TLine = [
  serviceDate: string,
  description: string,
  code: string,
  charge: number,
  insPaid: number,
  adj: number,
];

const lines = (rows: TLine[]) =>
  rows.map(
    ([serviceDate, description, procedureCode, chargeCents, insurancePaidCents, adjustmentCents], i) => ({
      lineNumber: i + 1,
      serviceDate: parseIsoDay(serviceDate)!,
      description,
      procedureCode,
      chargeCents,
      insurancePaidCents,
      adjustmentCents,
      patientRespCents: chargeCents - insurancePaidCents - adjustmentCents,
    }),
  );

const totals = (ls: ReturnType<typeof lines>) => {
  const sum = (k: "chargeCents" | "insurancePaidCents" | "adjustmentCents" | "patientRespCents") =>
    ls.reduce((s, l) => s + l[k], 0);
  return {
    totalChargesCents: sum("chargeCents"),
    insurancePaidCents: sum("insurancePaidCents"),
    adjustmentsCents: sum("adjustmentCents"),
    amountDueCents: sum("patientRespCents"),
    balanceCents: sum("patientRespCents"),
  };
};

/**
 * Creates the demo practice, logins, accounts and statements on an empty database. It does
 * nothing when the demo practice already exists, so a second start changes nothing.
 * Returns whether it seeded.
 */
export const seedDemoData = async (db: PrismaClient, { now = new Date() } = {}): Promise<boolean> => {
  const existing = await db.practice.findUnique({ where: { clientId: DEMO.practice.clientId } });
  if (existing) return false;

  const today = todayInZone(DEMO.practice.timeZone, now);
  const [patientHash, staffHash, adminHash, clerkHash, auditorHash, familyHash, managerHash] =
    await Promise.all([
      hashPassword(DEMO.patient.password),
      hashPassword(DEMO.staff.password),
      hashPassword(DEMO.admin.password),
      hashPassword(DEMO.clerk.password),
      hashPassword(DEMO.auditor.password),
      hashPassword(DEMO.familyPayer.password),
      hashPassword(DEMO.familyManager.password),
    ]);

  const st1001 = lines([
    ["2026-09-03", "Office visit, established patient, moderate complexity", "99214", 24500, 16000, 4000],
    ["2026-09-03", "Comprehensive metabolic panel", "80053", 8500, 4210, 1250],
    ["2026-09-17", "Influenza vaccine, quadrivalent, with administration", "90686", 9500, 3000, 1500],
  ]);
  const st1002 = lines([
    ["2026-10-06", "Colonoscopy, diagnostic", "45378", 185000, 90000, 31000],
    ["2026-10-06", "Anesthesia for lower intestinal endoscopy", "00811", 62000, 30000, 12000],
    ["2026-10-06", "Surgical pathology, gross and microscopic", "88305", 14000, 6000, 3000],
  ]);
  const st2001 = lines([
    ["2026-10-20", "Office visit, new patient, low complexity", "99203", 21000, 12000, 4000],
    ["2026-10-20", "Venipuncture", "36415", 2500, 1000, 500],
  ]);

  await db.$transaction(async (tx) => {
    const practice = await tx.practice.create({
      data: {
        ...DEMO.practice,
        gatewayMerchantId: "sandbox-rfm",
        npi: "1234567893",
        phone: "(215) 555-0142",
        supportEmail: "billing@riverside.example",
        address1: "1200 Walnut Street",
        city: "Philadelphia",
        state: "PA",
        zip: "19107",
        // The end-of-day posting files (docs/files.md): IMDPA 1.4 and the 835, days ending at 17:00.
        postingSettings: {
          create: {
            formats: ["IMDPA14", "X12_835", "LOCKBOX_A"],
            cutoffMinutes: 17 * 60,
            merchantId: "sandbox-rfm",
            storeId: "RFM-MAIN",
            terminalId: "PORTAL",
            lockboxNumber: "104201",
            x12SenderId: "RFMPORTAL",
            x12ReceiverId: "RFMPMS",
            x12Account: "RFM001",
          },
        },
      },
    });
    const verified = { emailVerifiedAt: now };
    const patient = await tx.user.create({
      data: {
        email: DEMO.patient.email,
        passwordHash: patientHash,
        role: "PATIENT",
        firstName: "Pat",
        lastName: "Rivera",
        phone: "2155550101",
        address1: "42 Spruce Street",
        city: "Philadelphia",
        state: "PA",
        zip: DEMO.guestStatement.zip,
        ...verified,
      },
    });
    await tx.user.create({
      data: {
        email: DEMO.staff.email,
        passwordHash: staffHash,
        role: "BILLING_MANAGER",
        firstName: "Sam",
        lastName: "Staff",
        practiceId: practice.id,
        ...verified,
      },
    });
    await tx.user.create({
      data: {
        email: DEMO.admin.email,
        passwordHash: adminHash,
        role: "ADMIN",
        firstName: "Alex",
        lastName: "Admin",
        practiceId: practice.id,
        ...verified,
      },
    });
    await tx.user.create({
      data: {
        email: DEMO.clerk.email,
        passwordHash: clerkHash,
        role: "BILLING_CLERK",
        firstName: "Casey",
        lastName: "Clerk",
        practiceId: practice.id,
        ...verified,
      },
    });
    await tx.user.create({
      data: {
        email: DEMO.auditor.email,
        passwordHash: auditorHash,
        role: "AUDITOR",
        firstName: "Avery",
        lastName: "Auditor",
        practiceId: practice.id,
        ...verified,
      },
    });

    const a1001 = await tx.account.create({
      data: {
        practiceId: practice.id,
        accountNumber: DEMO.guestStatement.accountNumber,
        guarantorFirstName: "Pat",
        guarantorLastName: "Rivera",
        guarantorDob: parseIsoDay(DEMO.guestStatement.dob),
        email: DEMO.patient.email,
        address1: "42 Spruce Street",
        city: "Philadelphia",
        state: "PA",
        zip: DEMO.guestStatement.zip,
        links: { create: { userId: patient.id } },
      },
    });
    // Pat invited Jamie (view and pay) and Jamie accepted: Jamie sees A-1001 beside no account of
    // their own, and pays it with their own card (docs/product.md, "Family members and authorized payers").
    const jamie = await tx.user.create({
      data: {
        email: DEMO.familyPayer.email,
        passwordHash: familyHash,
        role: "PATIENT",
        firstName: "Jamie",
        lastName: "Rivera",
        ...verified,
      },
    });
    await tx.accountAccess.create({
      data: {
        accountId: a1001.id,
        invitedByUserId: patient.id,
        inviteeEmail: DEMO.familyPayer.email,
        scope: "PAY",
        status: "ACTIVE",
        expiresAt: now,
        payerUserId: jamie.id,
        acceptedAt: now,
      },
    });
    // Pat also invited Alex to view, pay and manage, and Alex accepted: Alex sets up payment plans
    // and autopay on A-1001 with their own card, and Pat sees them as "Set up by Alex Rivera".
    const alex = await tx.user.create({
      data: {
        email: DEMO.familyManager.email,
        passwordHash: managerHash,
        role: "PATIENT",
        firstName: "Alex",
        lastName: "Rivera",
        ...verified,
      },
    });
    await tx.accountAccess.create({
      data: {
        accountId: a1001.id,
        invitedByUserId: patient.id,
        inviteeEmail: DEMO.familyManager.email,
        scope: "MANAGE",
        status: "ACTIVE",
        expiresAt: now,
        payerUserId: alex.id,
        acceptedAt: now,
      },
    });
    const a2001 = await tx.account.create({
      data: {
        practiceId: practice.id,
        accountNumber: DEMO.otherPatient.accountNumber,
        guarantorFirstName: "Jordan",
        guarantorLastName: "Smith",
        guarantorDob: parseIsoDay(DEMO.otherPatient.dob),
        address1: "350 Fifth Avenue",
        city: "New York",
        state: "NY",
        zip: DEMO.otherPatient.zip,
      },
    });

    const patientPat = {
      patientFirstName: "Pat",
      patientLastName: "Rivera",
      patientDob: parseIsoDay(DEMO.guestStatement.dob)!,
    };
    await tx.statement.create({
      data: {
        accountId: a1001.id,
        statementNumber: DEMO.guestStatement.statementNumber,
        statementDate: addDays(today, -40),
        dueDate: addDays(today, 10),
        ...patientPat,
        recipientZip: DEMO.guestStatement.zip,
        providerName: "Riverside Family Medicine",
        ...totals(st1001),
        lines: { create: st1001 },
      },
    });
    await tx.statement.create({
      data: {
        accountId: a1001.id,
        statementNumber: DEMO.secondStatement.statementNumber,
        statementDate: addDays(today, -14),
        dueDate: addDays(today, 16),
        ...patientPat,
        recipientZip: DEMO.guestStatement.zip,
        providerName: "Riverside Endoscopy Center",
        ...totals(st1002),
        lines: { create: st1002 },
      },
    });
    await tx.statement.create({
      data: {
        accountId: a2001.id,
        statementNumber: DEMO.otherPatient.statementNumber,
        statementDate: addDays(today, -10),
        dueDate: addDays(today, 20),
        patientFirstName: "Jordan",
        patientLastName: "Smith",
        patientDob: parseIsoDay(DEMO.otherPatient.dob)!,
        recipientZip: DEMO.otherPatient.zip,
        providerName: "Riverside Family Medicine",
        ...totals(st2001),
        lines: { create: st2001 },
      },
    });
  });
  return true;
};
