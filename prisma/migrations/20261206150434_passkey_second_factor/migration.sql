-- AlterTable
ALTER TABLE "webauthn_challenge" ADD COLUMN     "sessionId" TEXT;
