-- AlterTable
ALTER TABLE "payment" ADD COLUMN     "receiptEmailDueAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "payment_receiptEmailDueAt_idx" ON "payment"("receiptEmailDueAt");
