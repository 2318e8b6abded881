import { getPrisma } from "../db/client";

/** Ends every session of the user, wherever its cookie is: all were made under the old generation. */
export async function signOutEverywhere(userId: string): Promise<void> {
  await getPrisma().user.updateMany({ where: { id: userId }, data: { sessionGeneration: { increment: 1 } } });
}
