-- AlterTable
ALTER TABLE "user" ADD COLUMN     "timeZone" TEXT;

-- AlterTable
ALTER TABLE "sms_consent" ADD COLUMN     "timeZone" TEXT;
