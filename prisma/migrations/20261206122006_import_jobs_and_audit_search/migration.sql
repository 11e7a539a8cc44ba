-- AlterTable
ALTER TABLE "import_file" ADD COLUMN     "failureReason" TEXT,
ADD COLUMN     "finishedAt" TIMESTAMPTZ(3),
ADD COLUMN     "rowsDone" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "startedAt" TIMESTAMPTZ(3),
ADD COLUMN     "totalRows" INTEGER,
ADD COLUMN     "writtenAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "import_file_chunk" (
    "fileId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,

    CONSTRAINT "import_file_chunk_pkey" PRIMARY KEY ("fileId","seq")
);

-- CreateIndex
CREATE INDEX "audit_log_action_createdAt_idx" ON "audit_log"("action", "createdAt");

-- CreateIndex
CREATE INDEX "audit_log_targetId_idx" ON "audit_log"("targetId");

-- AddForeignKey
ALTER TABLE "import_file_chunk" ADD CONSTRAINT "import_file_chunk_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "import_file"("id") ON DELETE CASCADE ON UPDATE CASCADE;
