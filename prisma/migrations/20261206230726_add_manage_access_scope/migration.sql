-- AlterEnum
ALTER TYPE "AccountAccessScope" ADD VALUE 'MANAGE';
