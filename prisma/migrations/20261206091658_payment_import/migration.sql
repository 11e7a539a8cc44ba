-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "PaymentMethodKind" ADD VALUE 'CASH';
ALTER TYPE "PaymentMethodKind" ADD VALUE 'CHECK';

-- AlterTable
ALTER TABLE "payment" ADD COLUMN     "importFileId" TEXT,
ADD COLUMN     "importLineNumber" INTEGER;

-- AddForeignKey
ALTER TABLE "payment" ADD CONSTRAINT "payment_importFileId_fkey" FOREIGN KEY ("importFileId") REFERENCES "import_file"("id") ON DELETE SET NULL ON UPDATE CASCADE;
