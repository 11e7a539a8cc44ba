-- AlterTable
ALTER TABLE "sms_consent" ADD COLUMN     "recordedByUserId" TEXT;

-- AddForeignKey
ALTER TABLE "sms_consent" ADD CONSTRAINT "sms_consent_recordedByUserId_fkey" FOREIGN KEY ("recordedByUserId") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
