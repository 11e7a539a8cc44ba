-- AlterTable
ALTER TABLE "payment_method" ADD COLUMN     "fingerprint" TEXT;

-- CreateIndex
CREATE INDEX "payment_method_accountId_fingerprint_idx" ON "payment_method"("accountId", "fingerprint");
