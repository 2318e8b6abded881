import { z } from "zod";

export const deleteTeamSchema = z.discriminatedUnion(
  "notebooks",
  [
    z.object({ notebooks: z.literal("delete") }),
    z.object({ notebooks: z.literal("move"), to: z.string().min(1, "names the member who gets the team's notebooks") }),
  ],
  { error: 'must be "delete", or "move" with "to": a member\'s user id. Say what becomes of the team\'s notebooks.' },
);
