-- CreateEnum
CREATE TYPE "SettlementItemKind" AS ENUM ('SALE', 'REFUND', 'RETURN', 'CHARGEBACK', 'ERROR');

-- CreateTable
CREATE TABLE "settlement_batch" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "gatewayBatchId" TEXT NOT NULL,
    "traceNumber" TEXT NOT NULL,
    "effectiveDate" DATE NOT NULL,
    "settledAt" TIMESTAMPTZ(3) NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "totalCents" INTEGER NOT NULL,
    "returnsCents" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "settlement_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "settlement_batch_item" (
    "id" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "refundId" TEXT,
    "kind" "SettlementItemKind" NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "settlement_batch_item_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "settlement_batch_gatewayBatchId_key" ON "settlement_batch"("gatewayBatchId");

-- CreateIndex
CREATE INDEX "settlement_batch_practiceId_settledAt_idx" ON "settlement_batch"("practiceId", "settledAt");

-- CreateIndex
CREATE INDEX "settlement_batch_item_batchId_idx" ON "settlement_batch_item"("batchId");

-- CreateIndex
CREATE INDEX "settlement_batch_item_paymentId_idx" ON "settlement_batch_item"("paymentId");

-- AddForeignKey
ALTER TABLE "settlement_batch" ADD CONSTRAINT "settlement_batch_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "practice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "settlement_batch_item" ADD CONSTRAINT "settlement_batch_item_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "settlement_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "settlement_batch_item" ADD CONSTRAINT "settlement_batch_item_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "settlement_batch_item" ADD CONSTRAINT "settlement_batch_item_refundId_fkey" FOREIGN KEY ("refundId") REFERENCES "refund"("id") ON DELETE SET NULL ON UPDATE CASCADE;
