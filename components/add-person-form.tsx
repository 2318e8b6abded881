"use client";

import { useState, type FormEvent } from "react";

const FIELD = "rounded-md border border-stone-300 px-2 py-1";
const BUTTON = "rounded-md border border-stone-300 px-3 py-1 hover:bg-stone-100";

/**
 * An email and a role, for adding someone to a team or sharing a notebook with them. The email
 * is cleared once `onAdd` succeeds; `onAdd` reports its own errors.
 */
export function AddPersonForm<Role extends string>({
  roles,
  defaultRole,
  submitLabel,
  onAdd,
}: {
  roles: readonly Role[];
  defaultRole: Role;
  submitLabel: string;
  onAdd: (email: string, role: Role) => Promise<boolean>;
}) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>(defaultRole);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await onAdd(email, role)) setEmail("");
  };
  return (
    <form onSubmit={(event) => void submit(event)} className="flex gap-2">
      <input
        type="email"
        required
        aria-label="Email"
        placeholder="Email of a Runnel user"
        className={`${FIELD} min-w-0 flex-1`}
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <select aria-label="Role" className={FIELD} value={role} onChange={(event) => setRole(event.target.value as Role)}>
        {roles.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
      <button type="submit" className={BUTTON}>
        {submitLabel}
      </button>
    </form>
  );
}
