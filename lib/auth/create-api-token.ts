import { getPrisma } from "../db/client";
import { AppError } from "../http/app-error";
import { generateApiToken } from "./api-token";

export type CreatedApiToken = { id: string; name: string; token: string; expiresAt: Date | null };

export type CreateApiTokenOptions = { name: string; expiresAt?: Date | null; now?: Date };

/** Makes an API token for `userId`. The token itself is returned this once and never stored. */
export async function createApiToken(userId: string, { name, expiresAt = null, now = new Date() }: CreateApiTokenOptions): Promise<CreatedApiToken> {
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw new AppError("bad_request", "expiresAt must be in the future.");
  }
  const { token, tokenHash } = generateApiToken();
  const row = await getPrisma().apiToken.create({
    data: { userId, name, tokenHash, expiresAt },
    select: { id: true, name: true, expiresAt: true },
  });
  return { ...row, token };
}
