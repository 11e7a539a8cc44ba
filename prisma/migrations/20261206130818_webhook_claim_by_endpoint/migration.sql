-- DropIndex
DROP INDEX "webhook_delivery_status_nextAttemptAt_idx";

-- CreateIndex
CREATE INDEX "webhook_delivery_endpointId_status_nextAttemptAt_idx" ON "webhook_delivery"("endpointId", "status", "nextAttemptAt");
