"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { AddPersonForm } from "@/components/add-person-form";
import { ModalDialog } from "@/components/modal-dialog";
import { apiRequest, messageOf } from "@/lib/client/api-request";

type Role = "owner" | "editor" | "viewer";
type Member = { id: string; name: string; email: string; role: Role };
type Team = { id: string; name: string; role: Role; members: Member[]; notebookCount: number };

// Names can be long: a select may shrink below its longest option rather than push the page sideways on a phone.
const FIELD = "min-w-0 max-w-full rounded-md border border-stone-300 px-2 py-1";
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
        content: `# Untitled notebook\n\nA notebook of ${team.name}.\n`,
        teamId: team.id,
      });
      router.push(`/notebooks/${notebook.id}`);
    });

  return (
    <div className="mt-4 space-y-6 text-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="min-w-0 text-2xl font-semibold tracking-tight [overflow-wrap:anywhere]">{team.name}</h1>
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
            <li key={member.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-2">
              <span className="min-w-0 [overflow-wrap:anywhere]">
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
      {manages && <DeleteTeam team={team} userId={userId} />}
      <p className="text-stone-500">
        Owners manage members and every notebook of the team; editors write notebooks; viewers read and run them, each in a sandbox of
        their own.
      </p>
    </div>
  );
}

/** Deleting a team: the owner first chooses who gets its notebooks, or that they are deleted, and confirms. */
function DeleteTeam({ team, userId }: { team: Team; userId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [fate, setFate] = useState<"move" | "delete">("move");
  const [to, setTo] = useState(userId);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const count = team.notebookCount === 1 ? "its 1 notebook" : `its ${team.notebookCount} notebooks`;
  const heir = team.members.find((member) => member.id === to);
  const consequence =
    fate === "delete"
      ? `${team.name} and ${count} will be deleted, with every run, sandbox, share link and web app of them. This cannot be undone.`
      : `${team.name} will be deleted. ${count[0]!.toUpperCase()}${count.slice(1)} become personal notebooks of ${heir?.id === userId ? "yours" : (heir?.name ?? "that member")}; the other members lose the access the team gave them.`;

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await apiRequest("DELETE", `/api/teams/${team.id}`, fate === "delete" ? { notebooks: "delete" } : { notebooks: "move", to });
      router.push("/notebooks");
    } catch (failure) {
      setError(messageOf(failure));
      setPending(false);
    }
  }

  return (
    <section className="rounded-xl border border-red-200 bg-red-50/40 px-5 py-4">
      <h2 className="text-lg font-semibold">Delete this team</h2>
      <fieldset className="mt-2 min-w-0 space-y-2">
        <legend className="text-stone-700">What becomes of {count}?</legend>
        <label className="flex flex-wrap items-center gap-2">
          <input type="radio" name="fate" checked={fate === "move"} onChange={() => setFate("move")} />
          They move to
          <select aria-label="New owner of the notebooks" className={FIELD} value={to} onChange={(event) => setTo(event.target.value)} disabled={fate !== "move"}>
            {team.members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.id === userId ? `${member.name} (you)` : member.name}
              </option>
            ))}
          </select>
          as their own
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="fate" data-testid="fate-delete" checked={fate === "delete"} onChange={() => setFate("delete")} />
          They are deleted with the team
        </label>
      </fieldset>
      <button type="button" data-testid="delete-team" className={`${BUTTON} mt-3 text-red-700`} onClick={() => setOpen(true)}>
        Delete team…
      </button>
      {open && (
        <ModalDialog label="Delete this team" testId="delete-team-dialog" onClose={() => setOpen(false)}>
          <h2 className="text-lg font-semibold">Delete {team.name}?</h2>
          <p data-testid="delete-team-consequence" className="mt-3 text-stone-700">
            {consequence}
          </p>
          {error && (
            <p role="alert" className="mt-3 text-red-700">
              {error}
            </p>
          )}
          <div className="mt-5 flex justify-end gap-3">
            <button type="button" autoFocus className={BUTTON} onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button
              type="button"
              data-testid="confirm-delete-team"
              disabled={pending}
              onClick={() => void confirm()}
              className="rounded-md bg-red-700 px-3 py-1 font-medium text-white hover:bg-red-600 disabled:opacity-60"
            >
              Delete team
            </button>
          </div>
        </ModalDialog>
      )}
    </section>
  );
}
