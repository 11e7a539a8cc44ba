-- AlterTable
ALTER TABLE "signup_file" ADD COLUMN     "failureReason" TEXT,
ADD COLUMN     "rowsDone" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "startedAt" TIMESTAMPTZ(3),
ADD COLUMN     "totalRows" INTEGER;

-- CreateTable
CREATE TABLE "transaction_export" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "requestedByUserId" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "filters" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "status" "SignupFileStatus" NOT NULL DEFAULT 'GENERATING',
    "claimToken" TEXT,
    "startedAt" TIMESTAMPTZ(3),
    "rowsDone" INTEGER NOT NULL DEFAULT 0,
    "totalRows" INTEGER,
    "rowCount" INTEGER NOT NULL DEFAULT 0,
    "byteCount" INTEGER NOT NULL DEFAULT 0,
    "sha256" TEXT,
    "failureReason" TEXT,
    "completedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "transaction_export_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transaction_export_chunk" (
    "fileId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "content" TEXT NOT NULL,

    CONSTRAINT "transaction_export_chunk_pkey" PRIMARY KEY ("fileId","seq")
);

-- CreateIndex
CREATE INDEX "transaction_export_practiceId_requestedByUserId_filters_cre_idx" ON "transaction_export"("practiceId", "requestedByUserId", "filters", "createdAt");

-- AddForeignKey
ALTER TABLE "transaction_export" ADD CONSTRAINT "transaction_export_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "practice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transaction_export_chunk" ADD CONSTRAINT "transaction_export_chunk_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "transaction_export"("id") ON DELETE CASCADE ON UPDATE CASCADE;
