-- DropIndex
DROP INDEX "payment_practiceId_createdAt_idx";

-- CreateIndex
CREATE INDEX "payment_practiceId_createdAt_id_idx" ON "payment"("practiceId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "payment_practiceId_amountCents_id_idx" ON "payment"("practiceId", "amountCents", "id");

-- CreateIndex
CREATE INDEX "payment_practiceId_last4_createdAt_idx" ON "payment"("practiceId", "last4", "createdAt");

-- CreateIndex
CREATE INDEX "payment_takenByUserId_createdAt_idx" ON "payment"("takenByUserId", "createdAt");
