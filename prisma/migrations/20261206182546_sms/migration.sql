-- CreateEnum
CREATE TYPE "SmsConsentSource" AS ENUM ('WEB', 'KEYWORD', 'STAFF');

-- CreateEnum
CREATE TYPE "SmsStatus" AS ENUM ('DUE', 'SENT', 'FAILED', 'DROPPED');

-- CreateTable
CREATE TABLE "sms_consent" (
    "id" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "userId" TEXT,
    "isOptedIn" BOOLEAN NOT NULL,
    "source" "SmsConsentSource" NOT NULL,
    "textVersion" TEXT,
    "text" TEXT,
    "keyword" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sms_consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sms_message" (
    "id" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "isReply" BOOLEAN NOT NULL DEFAULT false,
    "userId" TEXT,
    "timeZone" TEXT NOT NULL,
    "status" "SmsStatus" NOT NULL DEFAULT 'DUE',
    "sendDueAt" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "dropReason" TEXT,
    "providerSid" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sms_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sms_inbound" (
    "id" TEXT NOT NULL,
    "messageSid" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "keyword" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sms_inbound_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sms_consent_phone_createdAt_idx" ON "sms_consent"("phone", "createdAt");

-- CreateIndex
CREATE INDEX "sms_message_sendDueAt_idx" ON "sms_message"("sendDueAt");

-- CreateIndex
CREATE INDEX "sms_message_to_sentAt_idx" ON "sms_message"("to", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "sms_inbound_messageSid_key" ON "sms_inbound"("messageSid");

-- AddForeignKey
ALTER TABLE "sms_consent" ADD CONSTRAINT "sms_consent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sms_message" ADD CONSTRAINT "sms_message_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
