-- CreateIndex
CREATE INDEX "payment_practiceId_updatedAt_id_idx" ON "payment"("practiceId", "updatedAt", "id");
