"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiRequest, messageOf } from "@/lib/client/api-request";

type Team = { id: string; name: string; role: string };

/**
 * Chooses what the dashboard shows: everything, personal notebooks, one team's, or those shared
 * with you (the `?view=` query). Also makes a new team.
 */
export function TeamSwitcher({ teams, current }: { teams: Team[]; current: string }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function createTeam(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const { team } = await apiRequest<{ team: { id: string } }>("POST", "/api/teams", { name });
      router.push(`/teams/${team.id}`);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <label className="flex min-w-0 max-w-full items-center gap-2">
        <span className="text-stone-600">Show</span>
        <select
          aria-label="Team"
          data-testid="team-switcher"
          className="min-w-0 rounded-md border border-stone-300 px-2 py-1"
          value={current}
          onChange={(event) => router.push(event.target.value === "all" ? "/notebooks" : `/notebooks?view=${event.target.value}`)}
        >
          <option value="all">All notebooks</option>
          <option value="personal">Personal</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
          <option value="shared">Shared with me</option>
        </select>
      </label>
      {teams.some((team) => team.id === current) && (
        <Link href={`/teams/${current}`} className="text-sky-700 underline">
          Members
        </Link>
      )}
      <form onSubmit={createTeam} className="flex items-center gap-2">
        <input
          aria-label="New team name"
          placeholder="New team"
          required
          maxLength={100}
          className="w-32 rounded-md border border-stone-300 px-2 py-1"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="rounded-md border border-stone-300 px-3 py-1 hover:bg-stone-100">
          Create team
        </button>
      </form>
      {error && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
