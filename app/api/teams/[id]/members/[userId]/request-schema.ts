import { z } from "zod";

export const changeMemberSchema = z.object({ role: z.enum(["owner", "editor", "viewer"]) });
