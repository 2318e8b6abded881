-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "blockId" TEXT;

-- AlterTable
ALTER TABLE "App" ADD COLUMN     "blockId" TEXT;

-- CreateIndex
CREATE INDEX "Execution_sessionId_blockId_startedAt_idx" ON "Execution"("sessionId", "blockId", "startedAt");

