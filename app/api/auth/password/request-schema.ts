import { z } from "zod";
import { newPasswordSchema, passwordSchema } from "@/lib/auth/account-fields";

export const changePasswordSchema = z.object({ currentPassword: passwordSchema, newPassword: newPasswordSchema });
