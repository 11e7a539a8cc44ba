-- CreateEnum
CREATE TYPE "PostingChannel" AS ENUM ('WEBHOOK', 'API', 'FILE');

-- CreateTable
CREATE TABLE "integration_event" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "practiceId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "apiVersion" TEXT NOT NULL,
    "paymentId" TEXT,
    "planId" TEXT,
    "accountId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "integration_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_posting" (
    "id" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "channel" "PostingChannel" NOT NULL,
    "reference" TEXT NOT NULL,
    "detail" TEXT,
    "businessDate" DATE,
    "postedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_posting_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "integration_event_seq_key" ON "integration_event"("seq");

-- CreateIndex
CREATE INDEX "integration_event_practiceId_seq_idx" ON "integration_event"("practiceId", "seq");

-- CreateIndex
CREATE INDEX "integration_event_paymentId_idx" ON "integration_event"("paymentId");

-- CreateIndex
CREATE INDEX "integration_event_createdAt_idx" ON "integration_event"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "payment_posting_paymentId_channel_reference_key" ON "payment_posting"("paymentId", "channel", "reference");

-- AddForeignKey
ALTER TABLE "integration_event" ADD CONSTRAINT "integration_event_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "practice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_posting" ADD CONSTRAINT "payment_posting_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "payment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
