-- AlterTable
ALTER TABLE "App" ADD COLUMN     "codeFingerprint" TEXT;
