-- Staff roles (issue 13): STAFF becomes BILLING_MANAGER (every power a STAFF user had, and
-- large refunds), beside the new BILLING_CLERK and AUDITOR. Permissions: lib/auth/permissions.ts.
CREATE TYPE "Role_new" AS ENUM ('PATIENT', 'BILLING_MANAGER', 'BILLING_CLERK', 'AUDITOR', 'ADMIN');
ALTER TABLE "user" ALTER COLUMN "role" DROP DEFAULT;
ALTER TABLE "user" ALTER COLUMN "role" TYPE "Role_new"
  USING (CASE WHEN "role"::text = 'STAFF' THEN 'BILLING_MANAGER' ELSE "role"::text END)::"Role_new";
ALTER TYPE "Role" RENAME TO "Role_old";
ALTER TYPE "Role_new" RENAME TO "Role";
DROP TYPE "Role_old";
ALTER TABLE "user" ALTER COLUMN "role" SET DEFAULT 'PATIENT';

-- A staff invitation link (single use, 72 hours).
ALTER TYPE "TokenPurpose" ADD VALUE 'INVITE_STAFF';

-- Refunds above this need payments.refund.large ($500.00 unless the practice changes it).
ALTER TABLE "practice" ADD COLUMN "largeRefundThresholdCents" INTEGER NOT NULL DEFAULT 50000;

-- Shown on the staff users page.
ALTER TABLE "user" ADD COLUMN "lastSignInAt" TIMESTAMPTZ(3);

-- The staff CSV import (InstaMed's "User ID"), unique within a practice.
ALTER TABLE "user" ADD COLUMN "externalUserId" TEXT;
CREATE UNIQUE INDEX "user_practiceId_externalUserId_key" ON "user"("practiceId", "externalUserId");
