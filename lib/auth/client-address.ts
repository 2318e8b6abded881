/**
 * The address sign-in and sign-up attempts are counted against: x-forwarded-for, which server.ts
 * has rewritten to exactly the client's address (acceptForwardedHeaders), else "local".
 */
export function clientAddress(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "local";
}
