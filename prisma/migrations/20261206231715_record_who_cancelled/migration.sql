-- AlterTable
ALTER TABLE "autopay_enrollment" ADD COLUMN     "cancelledByUserId" TEXT;

-- AlterTable
ALTER TABLE "payment_plan" ADD COLUMN     "cancelledByUserId" TEXT;
