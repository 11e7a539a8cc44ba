-- AlterTable
ALTER TABLE "practice" ADD COLUMN     "planReminderDays" INTEGER NOT NULL DEFAULT 3;

-- AlterTable
ALTER TABLE "payment_plan" ADD COLUMN     "defaultedAt" TIMESTAMPTZ(3),
ADD COLUMN     "downPaymentId" TEXT,
ADD COLUMN     "idempotencyKey" TEXT;

-- AlterTable
ALTER TABLE "installment" ADD COLUMN     "claimedUntil" TIMESTAMPTZ(3),
ADD COLUMN     "remindedOn" DATE;

-- CreateIndex
CREATE UNIQUE INDEX "payment_plan_idempotencyKey_key" ON "payment_plan"("idempotencyKey");
