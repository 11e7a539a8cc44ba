-- CreateTable
CREATE TABLE "import_file_ack_chunk" (
    "fileId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "content" TEXT NOT NULL,

    CONSTRAINT "import_file_ack_chunk_pkey" PRIMARY KEY ("fileId","seq")
);

-- AddForeignKey
ALTER TABLE "import_file_ack_chunk" ADD CONSTRAINT "import_file_ack_chunk_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "import_file"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Acknowledgements already written move into one chunk each before their column goes.
INSERT INTO "import_file_ack_chunk" ("fileId", "seq", "content")
SELECT "id", 0, "ackContent" FROM "import_file" WHERE "ackContent" IS NOT NULL AND "ackContent" <> '';

-- AlterTable
ALTER TABLE "import_file" DROP COLUMN "ackContent";
