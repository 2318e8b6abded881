-- Bumped when the password changes or the user signs out everywhere; a session cookie made
-- under an older generation is refused.
ALTER TABLE "User" ADD COLUMN "sessionGeneration" INTEGER NOT NULL DEFAULT 0;

-- An API token past its expiry is refused; null never expires.
ALTER TABLE "ApiToken" ADD COLUMN "expiresAt" TIMESTAMP(3);
