"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiRequest, messageOf } from "@/lib/client/api-request";
import { returnPath } from "@/lib/client/return-path";

type Mode = "signup" | "login";

const COPY = {
  signup: { title: "Create your account", submit: "Sign up", other: "/login", otherLabel: "Already have an account? Log in" },
  login: { title: "Log in to Runnel", submit: "Log in", other: "/signup", otherLabel: "New here? Create an account" },
} as const;

/**
 * The sign-up or log-in form. `next`: the page to come back to (a share link, say), passed on to
 * the other form too; `notice`: a sentence from the server about this browser's session.
 */
export function AuthForm({ mode, next, notice }: { mode: Mode; next?: string; notice?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const copy = COPY[mode];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = Object.fromEntries([...form.entries()].map(([key, value]) => [key, String(value)]));
    setPending(true);
    setError(null);
    try {
      await apiRequest("POST", `/api/auth/${mode}`, body);
      router.push(returnPath(next));
      router.refresh();
    } catch (failure) {
      setError(messageOf(failure));
      setPending(false);
    }
  }

  const field = "mt-1 w-full rounded-md border border-stone-300 bg-white px-3 py-2 focus:border-stone-500 focus:outline-none";
  return (
    <main className="mx-auto max-w-sm px-6 py-16">
      <h1 className="text-2xl font-semibold tracking-tight">{copy.title}</h1>
      {notice && (
        <p role="status" data-testid="auth-notice" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {notice}
        </p>
      )}
      <form onSubmit={submit} className="mt-6 space-y-4">
        {mode === "signup" && (
          <label className="block text-sm font-medium">
            Name
            <input name="name" required autoComplete="name" className={field} />
          </label>
        )}
        <label className="block text-sm font-medium">
          Email
          <input name="email" type="email" required autoComplete="email" className={field} />
        </label>
        <label className="block text-sm font-medium">
          Password
          <input
            name="password"
            type="password"
            required
            autoComplete={mode === "signup" ? "new-password" : "current-password"}
            className={field}
          />
        </label>
        {error && (
          <p role="alert" data-testid="auth-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded-md bg-stone-900 px-4 py-2 font-medium text-white hover:bg-stone-700 disabled:opacity-60"
        >
          {copy.submit}
        </button>
      </form>
      <p className="mt-6 text-sm text-stone-600">
        <Link href={next ? `${copy.other}?next=${encodeURIComponent(returnPath(next))}` : copy.other} className="underline">
          {copy.otherLabel}
        </Link>
      </p>
    </main>
  );
}
