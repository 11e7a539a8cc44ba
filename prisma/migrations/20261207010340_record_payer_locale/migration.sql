-- AlterTable
ALTER TABLE "payment" ADD COLUMN     "payerLocale" TEXT;
