import { getPrisma } from "../db/client";
import { generateApiToken } from "./api-token";

export type CreatedApiToken = { id: string; name: string; token: string };

/** Makes an API token for `userId`. The token itself is returned this once and never stored. */
export async function createApiToken(userId: string, name: string): Promise<CreatedApiToken> {
  const { token, tokenHash } = generateApiToken();
  const row = await getPrisma().apiToken.create({ data: { userId, name, tokenHash }, select: { id: true, name: true } });
  return { ...row, token };
}
