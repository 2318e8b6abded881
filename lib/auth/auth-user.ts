import type { Prisma } from "@prisma/client";

/** The signed-in user as routes see it: never the password hash. */
export type AuthUser = { id: string; email: string; name: string };

export const AUTH_USER_SELECT = { id: true, email: true, name: true } as const satisfies Prisma.UserSelect;
