-- AlterTable
ALTER TABLE "sms_consent" ADD COLUMN     "textLocale" TEXT;

-- Every consent text given before this column was the English one.
UPDATE "sms_consent" SET "textLocale" = 'en' WHERE "text" IS NOT NULL;
