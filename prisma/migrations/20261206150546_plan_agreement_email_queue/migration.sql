-- AlterTable
ALTER TABLE "payment_plan" ADD COLUMN     "agreementEmailDueAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "payment_plan_agreementEmailDueAt_idx" ON "payment_plan"("agreementEmailDueAt");
