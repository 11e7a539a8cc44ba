-- The webhook endpoint and delivery tables were never used (no rows): reshaped for the outbound webhooks of docs/webhooks.md, with an attempt log.

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- AlterTable
ALTER TABLE "webhook_endpoint" DROP COLUMN "secret",
ADD COLUMN     "createdByUserId" TEXT,
ADD COLUMN     "disabledAt" TIMESTAMPTZ(3),
ADD COLUMN     "disabledReason" TEXT,
ADD COLUMN     "failingSince" TIMESTAMPTZ(3),
ADD COLUMN     "previousSecretCiphertext" TEXT,
ADD COLUMN     "previousSecretUntil" TIMESTAMPTZ(3),
ADD COLUMN     "secretCiphertext" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "webhook_delivery" DROP COLUMN "payload",
ADD COLUMN     "claimedUntil" TIMESTAMPTZ(3),
ADD COLUMN     "failedAt" TIMESTAMPTZ(3),
ADD COLUMN     "firstAttemptAt" TIMESTAMPTZ(3),
DROP COLUMN "status",
ADD COLUMN     "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
ALTER COLUMN "nextAttemptAt" SET NOT NULL,
ALTER COLUMN "nextAttemptAt" SET DEFAULT CURRENT_TIMESTAMP;

-- DropEnum
DROP TYPE "DeliveryStatus";

-- CreateTable
CREATE TABLE "webhook_attempt" (
    "id" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "attemptedAt" TIMESTAMPTZ(3) NOT NULL,
    "statusCode" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "responseBody" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webhook_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "webhook_attempt_deliveryId_attemptedAt_idx" ON "webhook_attempt"("deliveryId", "attemptedAt");

-- CreateIndex
CREATE INDEX "webhook_endpoint_practiceId_idx" ON "webhook_endpoint"("practiceId");

-- CreateIndex
CREATE INDEX "webhook_delivery_status_nextAttemptAt_idx" ON "webhook_delivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "webhook_delivery_endpointId_createdAt_idx" ON "webhook_delivery"("endpointId", "createdAt");

-- CreateIndex
CREATE INDEX "webhook_delivery_eventId_idx" ON "webhook_delivery"("eventId");

-- AddForeignKey
ALTER TABLE "webhook_attempt" ADD CONSTRAINT "webhook_attempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "webhook_delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;
