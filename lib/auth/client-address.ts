/**
 * The address sign-in attempts are counted against: the first x-forwarded-for hop (Next's
 * server fills the header in with the socket's address), else "local".
 */
export function clientAddress(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "local";
}
