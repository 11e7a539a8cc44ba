-- DropForeignKey
ALTER TABLE "posting_batch" DROP CONSTRAINT "posting_batch_practiceId_fkey";

-- DropTable
DROP TABLE "posting_batch";

-- CreateTable
CREATE TABLE "posting_settings" (
    "practiceId" TEXT NOT NULL,
    "formats" "PostingFormat"[] DEFAULT ARRAY[]::"PostingFormat"[],
    "cutoffMinutes" INTEGER NOT NULL DEFAULT 0,
    "merchantId" TEXT NOT NULL DEFAULT '',
    "storeId" TEXT NOT NULL DEFAULT '',
    "terminalId" TEXT NOT NULL DEFAULT '',
    "lockboxNumber" TEXT,
    "x12SenderId" TEXT,
    "x12ReceiverId" TEXT,
    "x12Account" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "posting_settings_pkey" PRIMARY KEY ("practiceId")
);

-- CreateTable
CREATE TABLE "posting_file" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "format" "PostingFormat" NOT NULL,
    "businessDay" DATE NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "windowEnd" TIMESTAMPTZ(3) NOT NULL,
    "fileName" TEXT NOT NULL,
    "controlNumber" INTEGER,
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

    CONSTRAINT "posting_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "posting_file_chunk" (
    "fileId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "content" TEXT NOT NULL,

    CONSTRAINT "posting_file_chunk_pkey" PRIMARY KEY ("fileId","seq")
);

-- CreateIndex
CREATE INDEX "posting_file_practiceId_createdAt_idx" ON "posting_file"("practiceId", "createdAt");

-- CreateIndex
CREATE INDEX "posting_file_status_completedAt_idx" ON "posting_file"("status", "completedAt");

-- CreateIndex
CREATE UNIQUE INDEX "posting_file_practiceId_format_businessDay_key" ON "posting_file"("practiceId", "format", "businessDay");

-- AddForeignKey
ALTER TABLE "posting_settings" ADD CONSTRAINT "posting_settings_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "practice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posting_file" ADD CONSTRAINT "posting_file_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "practice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posting_file_chunk" ADD CONSTRAINT "posting_file_chunk_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "posting_file"("id") ON DELETE CASCADE ON UPDATE CASCADE;

