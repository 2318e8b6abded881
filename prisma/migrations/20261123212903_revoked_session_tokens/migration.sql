-- CreateTable
CREATE TABLE "RevokedSessionToken" (
    "id" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RevokedSessionToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RevokedSessionToken_expiresAt_idx" ON "RevokedSessionToken"("expiresAt");

