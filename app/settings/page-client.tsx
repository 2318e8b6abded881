"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiRequest, messageOf } from "@/lib/client/api-request";

type Token = { id: string; name: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null; expired: boolean };

const FIELD = "mt-1 w-full rounded-md border border-stone-300 bg-white px-3 py-2 focus:border-stone-500 focus:outline-none";
const BUTTON = "rounded-md border border-stone-300 px-3 py-1 hover:bg-stone-100 disabled:opacity-60";
const SECTION = "rounded-xl border border-stone-200 bg-white p-5";
const DAY_MS = 24 * 60 * 60 * 1000;
const EXPIRIES = [
  { label: "7 days", days: 7 },
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
  { label: "Never", days: 0 },
];

// ISO and UTC, so the server's render and the browser's agree whatever the reader's locale.
const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

function Feedback({ error, done }: { error: string | null; done: string | null }) {
  if (error) return <p role="alert" className="mt-3 text-sm text-red-700">{error}</p>;
  if (done) return <p role="status" className="mt-3 text-sm text-emerald-700">{done}</p>;
  return null;
}

function ChangePassword() {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    setPending(true);
    setError(null);
    setDone(null);
    try {
      await apiRequest("POST", "/api/auth/password", { currentPassword: String(fields.get("currentPassword")), newPassword: String(fields.get("newPassword")) });
      form.reset();
      setDone("Password changed. Every other session was signed out; this one stays signed in.");
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setPending(false);
    }
  }

  return (
    <section className={SECTION}>
      <h2 className="text-lg font-semibold">Password</h2>
      <form onSubmit={submit} className="mt-3 grid max-w-sm gap-3 text-sm">
        <label className="block font-medium">
          Current password
          <input name="currentPassword" type="password" required autoComplete="current-password" className={FIELD} />
        </label>
        <label className="block font-medium">
          New password
          <input name="newPassword" type="password" required minLength={8} autoComplete="new-password" className={FIELD} />
        </label>
        <div>
          <button type="submit" disabled={pending} className={BUTTON}>
            Change password
          </button>
        </div>
      </form>
      <Feedback error={error} done={done} />
    </section>
  );
}

function SignOutEverywhere() {
  const router = useRouter();
  const [keepCurrent, setKeepCurrent] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function signOut() {
    setError(null);
    setDone(null);
    try {
      await apiRequest("POST", "/api/auth/logout-everywhere", { keepCurrent });
      if (!keepCurrent) {
        router.push("/login");
        router.refresh();
        return;
      }
      setDone("Every other session was signed out.");
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <section className={SECTION}>
      <h2 className="text-lg font-semibold">Sessions</h2>
      <p className="mt-1 text-sm text-stone-600">Signs this account out of every browser it is signed in on. API tokens keep working; revoke them below.</p>
      <div className="mt-3 flex flex-wrap items-center gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={keepCurrent} onChange={(event) => setKeepCurrent(event.target.checked)} />
          Keep this browser signed in
        </label>
        <button type="button" className={BUTTON} onClick={() => void signOut()}>
          Sign out everywhere
        </button>
      </div>
      <Feedback error={error} done={done} />
    </section>
  );
}

function ApiTokens({ tokens }: { tokens: Token[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    const days = Number(fields.get("expiresIn"));
    setError(null);
    setCreated(null);
    try {
      const token = await apiRequest<{ name: string; token: string }>("POST", "/api/tokens", {
        name: String(fields.get("name")),
        expiresAt: days > 0 ? new Date(Date.now() + days * DAY_MS).toISOString() : null,
      });
      setCreated(token);
      form.reset();
      router.refresh();
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  async function revoke(id: string) {
    setError(null);
    try {
      await apiRequest("DELETE", `/api/tokens/${id}`);
      router.refresh();
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <section className={SECTION}>
      <h2 className="text-lg font-semibold">API tokens</h2>
      <p className="mt-1 text-sm text-stone-600">
        For scripts: send <code className="rounded bg-stone-100 px-1">Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <form onSubmit={create} className="mt-3 flex flex-wrap items-end gap-3 text-sm">
        <label className="block font-medium">
          Name
          <input name="name" required maxLength={100} className={FIELD} />
        </label>
        <label className="block font-medium">
          Expires after
          <select name="expiresIn" defaultValue="90" className={FIELD}>
            {EXPIRIES.map(({ label, days }) => (
              <option key={days} value={days}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={BUTTON}>
          Create token
        </button>
      </form>
      {created && (
        <p role="status" className="mt-3 break-all rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          “{created.name}”: <code data-testid="new-token">{created.token}</code> — copy it now; it is not shown again.
        </p>
      )}
      <Feedback error={error} done={null} />
      {tokens.length > 0 && (
        <ul data-testid="api-tokens" className="mt-4 divide-y divide-stone-200 text-sm">
          {tokens.map((token) => {
            return (
              <li key={token.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                <span>
                  <span className="font-medium">{token.name}</span>{" "}
                  <span className="text-stone-500">
                    made {when(token.createdAt)} · {token.lastUsedAt ? `last used ${when(token.lastUsedAt)}` : "never used"} ·{" "}
                    {token.expiresAt === null ? "never expires" : token.expired ? <span className="text-red-700">expired {when(token.expiresAt)}</span> : `expires ${when(token.expiresAt)}`}
                  </span>
                </span>
                <button type="button" className={BUTTON} onClick={() => void revoke(token.id)}>
                  Revoke
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The settings page's forms: change password, sign out everywhere, API tokens with expiry. */
export function SettingsPageClient({ tokens }: { tokens: Token[] }) {
  return (
    <div className="mt-6 space-y-6">
      <ChangePassword />
      <SignOutEverywhere />
      <ApiTokens tokens={tokens} />
    </div>
  );
}
