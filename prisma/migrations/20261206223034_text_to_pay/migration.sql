-- AlterTable
ALTER TABLE "sms_message" ADD COLUMN     "sealedLink" TEXT;

-- CreateTable
CREATE TABLE "text_to_pay_link" (
    "id" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "smsMessageId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "text_to_pay_link_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "text_to_pay_link_statementId_key" ON "text_to_pay_link"("statementId");

-- CreateIndex
CREATE UNIQUE INDEX "text_to_pay_link_tokenHash_key" ON "text_to_pay_link"("tokenHash");

-- AddForeignKey
ALTER TABLE "text_to_pay_link" ADD CONSTRAINT "text_to_pay_link_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;
