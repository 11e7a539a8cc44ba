-- AlterTable
ALTER TABLE "rate_limit_lock" ADD COLUMN     "refusedCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "refusedSince" TIMESTAMPTZ(3);
