-- CreateEnum
CREATE TYPE "AccountAccessScope" AS ENUM ('VIEW', 'PAY');

-- CreateEnum
CREATE TYPE "AccountAccessStatus" AS ENUM ('PENDING', 'ACTIVE', 'ENDED');

-- CreateEnum
CREATE TYPE "AccountAccessEndReason" AS ENUM ('REVOKED', 'LEFT', 'REMOVED_BY_STAFF', 'REPLACED');

-- CreateTable
CREATE TABLE "account_access" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "invitedByUserId" TEXT NOT NULL,
    "inviteeEmail" TEXT NOT NULL,
    "scope" "AccountAccessScope" NOT NULL,
    "status" "AccountAccessStatus" NOT NULL DEFAULT 'PENDING',
    "tokenHash" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "payerUserId" TEXT,
    "acceptedAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "endReason" "AccountAccessEndReason",
    "endedByUserId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "account_access_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "account_access_tokenHash_key" ON "account_access"("tokenHash");

-- CreateIndex
CREATE INDEX "account_access_payerUserId_status_idx" ON "account_access"("payerUserId", "status");

-- CreateIndex
CREATE INDEX "account_access_accountId_status_idx" ON "account_access"("accountId", "status");

-- AddForeignKey
ALTER TABLE "account_access" ADD CONSTRAINT "account_access_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_access" ADD CONSTRAINT "account_access_invitedByUserId_fkey" FOREIGN KEY ("invitedByUserId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_access" ADD CONSTRAINT "account_access_payerUserId_fkey" FOREIGN KEY ("payerUserId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_access" ADD CONSTRAINT "account_access_endedByUserId_fkey" FOREIGN KEY ("endedByUserId") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
