-- CreateEnum
CREATE TYPE "SignupFileMode" AS ENUM ('FULL', 'DELTA');

-- CreateEnum
CREATE TYPE "SignupFileStatus" AS ENUM ('GENERATING', 'READY', 'FAILED');

-- AlterTable
ALTER TABLE "practice" ADD COLUMN     "signupFileMode" "SignupFileMode" NOT NULL DEFAULT 'FULL';

-- CreateTable
CREATE TABLE "signup_file" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "mode" "SignupFileMode" NOT NULL,
    "businessDay" DATE NOT NULL,
    "windowStart" TIMESTAMPTZ(3),
    "windowEnd" TIMESTAMPTZ(3) NOT NULL,
    "fileName" TEXT NOT NULL,
    "status" "SignupFileStatus" NOT NULL DEFAULT 'GENERATING',
    "rowCount" INTEGER NOT NULL DEFAULT 0,
    "byteCount" INTEGER NOT NULL DEFAULT 0,
    "sha256" TEXT,
    "producedByUserId" TEXT,
    "producedBy" TEXT NOT NULL,
    "claimToken" TEXT,
    "claimedUntil" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),
    "deliveringUntil" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "signup_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signup_file_chunk" (
    "fileId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "content" TEXT NOT NULL,

    CONSTRAINT "signup_file_chunk_pkey" PRIMARY KEY ("fileId","seq")
);

-- CreateIndex
CREATE INDEX "signup_file_practiceId_createdAt_idx" ON "signup_file"("practiceId", "createdAt");

-- CreateIndex
CREATE INDEX "signup_file_status_completedAt_idx" ON "signup_file"("status", "completedAt");

-- CreateIndex
CREATE UNIQUE INDEX "signup_file_practiceId_mode_businessDay_key" ON "signup_file"("practiceId", "mode", "businessDay");

-- AddForeignKey
ALTER TABLE "signup_file" ADD CONSTRAINT "signup_file_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "practice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signup_file_chunk" ADD CONSTRAINT "signup_file_chunk_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "signup_file"("id") ON DELETE CASCADE ON UPDATE CASCADE;
