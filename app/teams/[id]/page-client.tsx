"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { AddPersonForm } from "@/components/add-person-form";
import { apiRequest, messageOf } from "@/lib/client/api-request";

type Role = "owner" | "editor" | "viewer";
type Member = { id: string; name: string; email: string; role: Role };
type Team = { id: string; name: string; role: Role; members: Member[] };

const FIELD = "rounded-md border border-stone-300 px-2 py-1";
const BUTTON = "rounded-md border border-stone-300 px-3 py-1 hover:bg-stone-100";
const ROLES: Role[] = ["owner", "editor", "viewer"];

/** The members page: owners add people by email, change roles and remove members; anyone may leave. */
export function TeamPageClient({ userId, team }: { userId: string; team: Team }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const manages = team.role === "owner";
  const base = `/api/teams/${team.id}/members`;

  async function act(action: () => Promise<unknown>, then: () => void = () => router.refresh()) {
    setError(null);
    try {
      await action();
      then();
      return true;
    } catch (failure) {
      setError(messageOf(failure));
      return false;
    }
  }
  const newNotebook = () =>
    act(async () => {
      const { notebook } = await apiRequest<{ notebook: { id: string } }>("POST", "/api/notebooks", {
        title: "Untitled notebook",
        content: `# Untitled notebook\n\nA notebook of ${team.name}.\n`,
        teamId: team.id,
      });
      router.push(`/notebooks/${notebook.id}`);
    });

  return (
    <div className="mt-4 space-y-6 text-sm">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">{team.name}</h1>
        {team.role !== "viewer" && (
          <button type="button" className={BUTTON} onClick={() => void newNotebook()}>
            New team notebook
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
      <section>
        <h2 className="mb-2 text-lg font-semibold">Members</h2>
        <ul data-testid="team-members" className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
          {team.members.map((member) => (
            <li key={member.id} className="flex items-center justify-between gap-3 px-5 py-2">
              <span>
                {member.name} <span className="text-stone-500">{member.email}</span>
              </span>
              <span className="flex items-center gap-2">
                {manages ? (
                  <select
                    aria-label={`Role of ${member.email}`}
                    className={FIELD}
                    value={member.role}
                    onChange={(event) => void act(() => apiRequest("PATCH", `${base}/${member.id}`, { role: event.target.value }))}
                  >
                    {ROLES.map((option) => (
                      <option key={option}>{option}</option>
                    ))}
                  </select>
                ) : (
                  <span className="rounded-full bg-stone-100 px-2 py-0.5 text-stone-600">{member.role}</span>
                )}
                {(manages || member.id === userId) && (
                  <button
                    type="button"
                    className={BUTTON}
                    onClick={() =>
                      void act(
                        () => apiRequest("DELETE", `${base}/${member.id}`),
                        member.id === userId ? () => router.push("/notebooks") : undefined,
                      )
                    }
                  >
                    {member.id === userId ? "Leave" : "Remove"}
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {manages && (
        <AddPersonForm
          roles={ROLES}
          defaultRole="viewer"
          submitLabel="Add member"
          onAdd={(email, role) => act(() => apiRequest("POST", base, { email, role }))}
        />
      )}
      <p className="text-stone-500">
        Owners manage members and every notebook of the team; editors write notebooks; viewers read and run them, each in a sandbox of
        their own.
      </p>
    </div>
  );
}
