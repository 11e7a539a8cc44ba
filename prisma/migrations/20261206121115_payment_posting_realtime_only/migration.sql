-- The posting files a payment went out in are read from the files' windows
-- (lib/exports/file-postings.ts): payment_posting keeps the real-time ways only.
DELETE FROM "payment_posting" WHERE "channel" = 'FILE';

-- AlterEnum
CREATE TYPE "PostingChannel_new" AS ENUM ('WEBHOOK', 'API');
ALTER TABLE "payment_posting" ALTER COLUMN "channel" TYPE "PostingChannel_new" USING ("channel"::text::"PostingChannel_new");
ALTER TYPE "PostingChannel" RENAME TO "PostingChannel_old";
ALTER TYPE "PostingChannel_new" RENAME TO "PostingChannel";
DROP TYPE "PostingChannel_old";

-- AlterTable
ALTER TABLE "payment_posting" DROP COLUMN "businessDate";
