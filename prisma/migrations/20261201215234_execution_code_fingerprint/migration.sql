-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "codeFingerprint" TEXT;

