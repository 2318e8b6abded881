import { z } from "zod";
import { emailSchema, passwordSchema } from "@/lib/auth/account-fields";

export const logInSchema = z.object({ email: emailSchema, password: passwordSchema });
