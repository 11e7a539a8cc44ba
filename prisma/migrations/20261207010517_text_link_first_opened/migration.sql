-- AlterTable
ALTER TABLE "text_to_pay_link" ADD COLUMN     "firstOpenedAt" TIMESTAMPTZ(3);
