-- AlterTable
ALTER TABLE "practice" ADD COLUMN     "brandColor" TEXT NOT NULL DEFAULT '#1d4ed8';
