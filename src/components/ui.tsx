import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

// Small shared building blocks so every form and card looks the same.

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 disabled:cursor-not-allowed disabled:bg-slate-100 aria-[invalid=true]:border-red-500";

export const buttonClass =
  "inline-flex items-center justify-center gap-2 rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-60";

export const secondaryButtonClass =
  "inline-flex items-center justify-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60";

export const dangerButtonClass =
  "inline-flex items-center justify-center gap-2 rounded-md border border-red-200 bg-white px-3 py-1.5 text-sm font-medium text-red-700 shadow-sm hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-60";

export const cardClass = "rounded-xl border border-slate-200 bg-white shadow-sm";

function describedBy(id: string, hint?: ReactNode, errors?: readonly string[]) {
  const ids = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function FieldFooter({ id, hint, errors }: { id: string; hint?: ReactNode; errors?: readonly string[] }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} data-testid={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: readonly string[];
};

/** A labelled input with an optional hint and field errors, wired up with aria-describedby. */
export function TextField({ id, label, hint, errors, className, ...input }: TextFieldProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        className={inputClass}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        {...input}
      />
      <FieldFooter id={id} hint={hint} errors={errors} />
    </div>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: readonly string[];
  children: ReactNode;
};

export function SelectField({ id, label, hint, errors, className, children, ...select }: SelectFieldProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={id}
        className={inputClass}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        {...select}
      >
        {children}
      </select>
      <FieldFooter id={id} hint={hint} errors={errors} />
    </div>
  );
}

/** An error message box (polite live region; not role="alert", which Next's route announcer also uses). */
export function ErrorText({ testId, children, className = "" }: { testId: string; children: ReactNode; className?: string }) {
  return (
    <p data-testid={testId} aria-live="polite" className={`rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 ${className}`}>
      {children}
    </p>
  );
}

export function SuccessText({ testId, children, className = "" }: { testId: string; children: ReactNode; className?: string }) {
  return (
    <p data-testid={testId} aria-live="polite" className={`rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ${className}`}>
      {children}
    </p>
  );
}

export function Spinner() {
  return <span aria-hidden="true" className="inline-block size-3.5 animate-spin rounded-full border-2 border-current border-r-transparent" />;
}

/** Centered card layout for the public pages (login, signup, errors). */
export function AuthShell({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center bg-slate-50 px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-6 text-center">
          <p className="text-2xl font-bold tracking-tight text-indigo-700">Sasaran</p>
          <h1 className="mt-4 text-xl font-semibold text-slate-900">{title}</h1>
          {subtitle ? <p className="mt-1 text-sm text-slate-600">{subtitle}</p> : null}
        </div>
        <div className={`${cardClass} p-6 sm:p-8`}>{children}</div>
      </div>
    </main>
  );
}
