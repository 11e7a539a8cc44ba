-- CreateEnum
CREATE TYPE "AutopayChargeStatus" AS ENUM ('SCHEDULED', 'PAID', 'FAILED', 'OVER_LIMIT', 'NOTHING_OWED');

-- AlterTable
ALTER TABLE "practice" ADD COLUMN     "autopayReminderDays" INTEGER NOT NULL DEFAULT 3;

-- CreateTable
CREATE TABLE "autopay_charge" (
    "id" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "amountDueCents" INTEGER NOT NULL,
    "chargeOn" DATE NOT NULL,
    "status" "AutopayChargeStatus" NOT NULL DEFAULT 'SCHEDULED',
    "amountCents" INTEGER,
    "remindedOn" DATE,
    "claimedUntil" TIMESTAMPTZ(3),
    "paymentId" TEXT,
    "failureCode" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "autopay_charge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "autopay_charge_paymentId_key" ON "autopay_charge"("paymentId");

-- CreateIndex
CREATE INDEX "autopay_charge_status_chargeOn_idx" ON "autopay_charge"("status", "chargeOn");

-- CreateIndex
CREATE INDEX "autopay_charge_enrollmentId_status_idx" ON "autopay_charge"("enrollmentId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "autopay_charge_statementId_amountDueCents_key" ON "autopay_charge"("statementId", "amountDueCents");

-- AddForeignKey
ALTER TABLE "autopay_charge" ADD CONSTRAINT "autopay_charge_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "autopay_enrollment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "autopay_charge" ADD CONSTRAINT "autopay_charge_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "statement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "autopay_charge" ADD CONSTRAINT "autopay_charge_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "payment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
