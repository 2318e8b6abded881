import { z } from "zod";
import { emailSchema, nameSchema, newPasswordSchema } from "@/lib/auth/account-fields";

export const signUpSchema = z.object({ email: emailSchema, password: newPasswordSchema, name: nameSchema });
