"use client";

import { useRouter } from "next/navigation";
import { apiRequest } from "@/lib/client/api-request";

export function LogoutButton() {
  const router = useRouter();
  async function logOut() {
    await apiRequest("POST", "/api/auth/logout").catch(() => undefined);
    router.push("/login");
    router.refresh();
  }
  return (
    <button type="button" onClick={logOut} className="shrink-0 whitespace-nowrap rounded-md border border-stone-300 px-3 py-1 hover:bg-stone-100">
      Log out
    </button>
  );
}
