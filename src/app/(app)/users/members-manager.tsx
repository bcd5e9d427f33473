"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "@/trpc/react";
import { ROLES, ROLE_LABELS, isRole, type Role } from "@/server/auth/permissions";
import { toFormError, type FormError } from "@/components/errors";
import {
  buttonClass,
  cardClass,
  dangerButtonClass,
  ErrorText,
  inputClass,
  secondaryButtonClass,
  SelectField,
  Spinner,
  SuccessText,
  TextField,
} from "@/components/ui";

type Member = RouterOutputs["org"]["listMembers"][number];
type Team = RouterOutputs["org"]["listTeams"][number];

const roleLabel = (role: string) => (isRole(role) ? ROLE_LABELS[role] : role);

/** Invalidates the member and team lists (team member counts change with members). */
function useRefreshLists() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.org.listMembers.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.org.listTeams.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.home.getSummary.queryKey() }),
    ]);
}

export function MembersManager({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const members = useQuery(trpc.org.listMembers.queryOptions());
  const teams = useQuery(trpc.org.listTeams.queryOptions());
  const teamList = teams.data ?? [];

  return (
    <div className="space-y-6">
      <MembersTable members={members} teams={teamList} currentUserId={currentUserId} />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <AddMemberForm teams={teamList} />
        <TeamsSection teams={teams} />
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Members table

function MembersTable({
  members,
  teams,
  currentUserId,
}: {
  members: { data?: Member[]; isPending: boolean; error: unknown; refetch: () => unknown; isFetching: boolean };
  teams: Team[];
  currentUserId: string;
}) {
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const rows = members.data ?? [];
  const activeCount = rows.filter((m) => m.active).length;

  return (
    <section aria-labelledby="members-heading" className={cardClass}>
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-5 py-4">
        <h2 id="members-heading" className="text-base font-semibold text-slate-900">
          Members
        </h2>
        {members.data ? (
          <p className="text-sm text-slate-500">
            {activeCount} active{rows.length > activeCount ? `, ${rows.length - activeCount} deactivated` : ""}
          </p>
        ) : null}
      </div>
      <div className="px-5 pt-4 empty:hidden" aria-live="polite">
        {status?.kind === "error" ? <ErrorText testId="member-update-error">{status.text}</ErrorText> : null}
        {status?.kind === "ok" ? <SuccessText testId="member-update-success">{status.text}</SuccessText> : null}
      </div>
      {members.isPending ? (
        <p className="px-5 py-6 text-sm text-slate-500">Loading members…</p>
      ) : members.error ? (
        <div className="space-y-3 px-5 py-6">
          <ErrorText testId="members-load-error">Could not load members: {toFormError(members.error).message}</ErrorText>
          <button type="button" className={secondaryButtonClass} onClick={() => members.refetch()} disabled={members.isFetching}>
            Try again
          </button>
        </div>
      ) : rows.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">No members yet.</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="members-table">
            <thead>
              <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                <th scope="col" className="px-5 py-3">
                  Member
                </th>
                <th scope="col" className="px-3 py-3">
                  Role
                </th>
                <th scope="col" className="px-3 py-3">
                  Team
                </th>
                <th scope="col" className="px-5 py-3 text-right">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((m) => (
                <MemberRow key={m.id} member={m} teams={teams} isSelf={m.userId === currentUserId} onStatus={setStatus} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function MemberRow({
  member: m,
  teams,
  isSelf,
  onStatus,
}: {
  member: Member;
  teams: Team[];
  isSelf: boolean;
  onStatus: (s: { kind: "ok" | "error"; text: string } | null) => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const refreshLists = useRefreshLists();
  const update = useMutation(
    trpc.org.updateMember.mutationOptions({
      onMutate: () => onStatus(null),
      onSuccess: async (_data, vars) => {
        await refreshLists();
        if (vars.active === false) onStatus({ kind: "ok", text: `${m.name} was deactivated and can no longer sign in to this organization.` });
        else if (vars.active === true) onStatus({ kind: "ok", text: `${m.name} was reactivated.` });
        else if (vars.role) onStatus({ kind: "ok", text: `${m.name} is now ${roleLabel(vars.role)}.` });
        else onStatus({ kind: "ok", text: `${m.name}'s team was updated.` });
        // a user who changed their own access: the rest of the app must follow
        if (isSelf) router.refresh();
      },
      onError: (err) => onStatus({ kind: "error", text: `${m.name}: ${toFormError(err, ["role", "teamId", "active", "membershipId"]).message}` }),
    }),
  );
  const pendingVars = update.isPending ? update.variables : undefined;
  const shownRole = pendingVars?.role ?? m.role;
  const shownTeam = pendingVars && pendingVars.teamId !== undefined ? (pendingVars.teamId ?? "") : (m.teamId ?? "");
  const teamMissing = m.teamId && !teams.some((t) => t.id === m.teamId);

  function changeRole(role: Role) {
    if (role === m.role) return;
    if (isSelf && role !== "CRM_MANAGER" && !window.confirm(`Change your own role to ${ROLE_LABELS[role]}? You will lose access to this page.`)) return;
    update.mutate({ membershipId: m.id, role });
  }

  function toggleActive() {
    if (m.active) {
      const who = isSelf ? "yourself" : m.name;
      if (!window.confirm(`Deactivate ${who}? ${isSelf ? "You" : "They"} will no longer be able to use this organization. You can reactivate later.`)) return;
      update.mutate({ membershipId: m.id, active: false });
    } else {
      update.mutate({ membershipId: m.id, active: true });
    }
  }

  const idBase = `member-${m.id}`;
  return (
    <tr data-testid={`member-row-${m.email}`} className={m.active ? "" : "bg-slate-50 text-slate-500"} aria-busy={update.isPending}>
      <td className="px-5 py-3 align-middle">
        <div className="font-medium text-slate-900">
          {m.name}
          {isSelf ? <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span> : null}
        </div>
        <div className="text-xs text-slate-500">{m.email}</div>
        <div className="mt-1" data-testid={`member-status-${m.email}`}>
          {m.active ? (
            <span className="inline-flex items-center rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-inset ring-emerald-200">
              Active
            </span>
          ) : (
            <span className="inline-flex items-center rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-inset ring-slate-200">
              Deactivated
            </span>
          )}
        </div>
      </td>
      <td className="px-3 py-3 align-middle">
        <label htmlFor={`${idBase}-role`} className="sr-only">
          Role of {m.name}
        </label>
        <select
          id={`${idBase}-role`}
          data-testid={`member-role-${m.email}`}
          className={`${inputClass} min-w-40 py-1.5`}
          value={shownRole}
          disabled={update.isPending}
          onChange={(e) => changeRole(e.target.value as Role)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </td>
      <td className="px-3 py-3 align-middle">
        <label htmlFor={`${idBase}-team`} className="sr-only">
          Team of {m.name}
        </label>
        <select
          id={`${idBase}-team`}
          data-testid={`member-team-${m.email}`}
          className={`${inputClass} min-w-32 py-1.5`}
          value={shownTeam}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ membershipId: m.id, teamId: e.target.value || null })}
        >
          <option value="">No team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
          {teamMissing ? <option value={m.teamId!}>{m.teamName ?? "Unknown team"}</option> : null}
        </select>
      </td>
      <td className="px-5 py-3 text-right align-middle">
        <button
          type="button"
          className={m.active ? dangerButtonClass : secondaryButtonClass}
          onClick={toggleActive}
          disabled={update.isPending}
          aria-label={`${m.active ? "Deactivate" : "Reactivate"} ${m.name}`}
        >
          {update.isPending ? <Spinner /> : null}
          {m.active ? "Deactivate" : "Reactivate"}
        </button>
      </td>
    </tr>
  );
}

// ---------------------------------------------------------------------------------------------
// Add a member

const MEMBER_FIELDS = ["email", "name", "role", "teamId", "password"] as const;

function AddMemberForm({ teams }: { teams: Team[] }) {
  const trpc = useTRPC();
  const refreshLists = useRefreshLists();
  const empty = { email: "", name: "", role: "SALES_REP" as Role, teamId: "", password: "" };
  const [values, setValues] = useState(empty);
  const [error, setError] = useState<FormError | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const add = useMutation(
    trpc.org.addMember.mutationOptions({
      onSuccess: async (result, vars) => {
        await refreshLists();
        setValues(empty);
        setSuccess(
          result.createdUser
            ? `Added ${vars.name} as ${ROLE_LABELS[vars.role]}. They sign in with ${vars.email} and the initial password you set.`
            : `Added ${vars.email} as ${ROLE_LABELS[vars.role]}. They already had a Sasaran account and sign in with their own password.`,
        );
      },
      onError: (err) => setError(toFormError(err, MEMBER_FIELDS)),
    }),
  );

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (add.isPending) return;
    setError(null);
    setSuccess(null);
    add.mutate({
      email: values.email.trim(),
      name: values.name.trim(),
      role: values.role,
      teamId: values.teamId || null,
      password: values.password ? values.password : undefined,
    });
  }

  const set = (field: keyof typeof empty) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));
  const errs = (field: string) => error?.fieldErrors[field];

  return (
    <section aria-labelledby="add-member-heading" className={`${cardClass} p-5`}>
      <h2 id="add-member-heading" className="text-base font-semibold text-slate-900">
        Add a member
      </h2>
      <p className="mt-1 text-sm text-slate-600">They can sign in as soon as you add them.</p>
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4" data-testid="add-member-form">
        <TextField id="member-email" name="email" type="email" label="Email" autoComplete="off" required value={values.email} onChange={set("email")} disabled={add.isPending} errors={errs("email")} />
        <TextField id="member-name" name="name" label="Name" autoComplete="off" required value={values.name} onChange={set("name")} disabled={add.isPending} errors={errs("name")} />
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <SelectField id="member-role" name="role" label="Role" value={values.role} onChange={set("role")} disabled={add.isPending} errors={errs("role")}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </SelectField>
          <SelectField id="member-team" name="teamId" label="Team" value={values.teamId} onChange={set("teamId")} disabled={add.isPending} errors={errs("teamId")}>
            <option value="">No team</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </SelectField>
        </div>
        <TextField
          id="member-password"
          name="password"
          type="password"
          label="Initial password"
          autoComplete="new-password"
          hint="Needed only for a person without a Sasaran account (at least 12 characters, not their email, not a common password). Share it with them privately; people who already have an account keep their own password."
          value={values.password}
          onChange={set("password")}
          disabled={add.isPending}
          errors={errs("password")}
        />
        <div aria-live="polite" className="empty:hidden">
          {error ? <ErrorText testId="member-error">{error.message}</ErrorText> : null}
          {success ? <SuccessText testId="member-success">{success}</SuccessText> : null}
        </div>
        <button type="submit" className={buttonClass} disabled={add.isPending}>
          {add.isPending ? (
            <>
              <Spinner /> Adding…
            </>
          ) : (
            "Add member"
          )}
        </button>
      </form>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Teams

function TeamsSection({ teams }: { teams: { data?: Team[]; isPending: boolean; error: unknown } }) {
  const trpc = useTRPC();
  const refreshLists = useRefreshLists();
  const [name, setName] = useState("");
  const [error, setError] = useState<FormError | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const create = useMutation(
    trpc.org.createTeam.mutationOptions({
      onSuccess: async (team) => {
        await refreshLists();
        setName("");
        setSuccess(`Team "${team.name}" created.`);
      },
      onError: (err) => setError(toFormError(err, ["name"])),
    }),
  );

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (create.isPending) return;
    setError(null);
    setSuccess(null);
    create.mutate({ name: name.trim() });
  }

  const list = teams.data ?? [];
  return (
    <section aria-labelledby="teams-heading" className={`${cardClass} p-5`}>
      <h2 id="teams-heading" className="text-base font-semibold text-slate-900">
        Teams
      </h2>
      {teams.isPending ? (
        <p className="mt-3 text-sm text-slate-500">Loading teams…</p>
      ) : teams.error ? (
        <p className="mt-3 text-sm text-red-700">Could not load teams: {toFormError(teams.error).message}</p>
      ) : list.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">No teams yet. Create one to group reps or agents.</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="teams-list">
          {list.map((t) => (
            <li key={t.id} className="flex items-center justify-between px-3 py-2 text-sm">
              <span className="font-medium text-slate-800">{t.name}</span>
              <span className="text-xs text-slate-500">
                {t.memberCount} {t.memberCount === 1 ? "member" : "members"}
              </span>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onSubmit} noValidate className="mt-4" data-testid="create-team-form">
        <div className="flex items-start gap-2">
          <TextField
            id="team-name"
            name="name"
            label="New team"
            placeholder="e.g. Inside sales"
            autoComplete="off"
            required
            className="flex-1"
            value={name}
            onChange={(e) => setName(e.target.value)}
            disabled={create.isPending}
            errors={error?.fieldErrors.name}
          />
          <button type="submit" className={`${buttonClass} mt-6 shrink-0`} disabled={create.isPending}>
            {create.isPending ? (
              <>
                <Spinner /> Creating…
              </>
            ) : (
              "Create team"
            )}
          </button>
        </div>
        <div aria-live="polite" className="mt-3 empty:hidden">
          {error ? <ErrorText testId="team-error">{error.message}</ErrorText> : null}
          {success ? <SuccessText testId="team-success">{success}</SuccessText> : null}
        </div>
      </form>
    </section>
  );
}
