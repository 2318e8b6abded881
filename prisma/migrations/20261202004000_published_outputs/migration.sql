-- CreateTable
CREATE TABLE "PublishedOutput" (
    "notebookId" TEXT NOT NULL,
    "blockId" TEXT NOT NULL,
    "executionId" TEXT NOT NULL,
    "publishedById" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublishedOutput_pkey" PRIMARY KEY ("notebookId","blockId")
);

-- CreateIndex
CREATE INDEX "PublishedOutput_executionId_idx" ON "PublishedOutput"("executionId");

-- AddForeignKey
ALTER TABLE "PublishedOutput" ADD CONSTRAINT "PublishedOutput_notebookId_fkey" FOREIGN KEY ("notebookId") REFERENCES "Notebook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublishedOutput" ADD CONSTRAINT "PublishedOutput_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "Execution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublishedOutput" ADD CONSTRAINT "PublishedOutput_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
