-- CreateTable
CREATE TABLE "posting_file_progress" (
    "fileId" TEXT NOT NULL,
    "rowsDone" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "posting_file_progress_pkey" PRIMARY KEY ("fileId")
);

-- AddForeignKey
ALTER TABLE "posting_file_progress" ADD CONSTRAINT "posting_file_progress_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "posting_file"("id") ON DELETE CASCADE ON UPDATE CASCADE;
