-- AlterTable
ALTER TABLE "user" ADD COLUMN     "smsReminders" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "sms_message" ADD COLUMN     "dedupeKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "sms_message_dedupeKey_key" ON "sms_message"("dedupeKey");
