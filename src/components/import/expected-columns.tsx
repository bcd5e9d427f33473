import { TYPE_DEFS, enumValues, DEFAULT_CATEGORIES, type FieldDef, type ImportType } from "@/server/import/fields";
import { duplicateKeyLabels } from "@/server/import/processor";
import { cardClass } from "@/components/ui";

/** What a cell of the field may contain, in words. */
export function fieldFormat(fd: FieldDef): string {
  switch (fd.kind) {
    case "text": return "text";
    case "email": return "email address";
    case "int": return "whole number ≥ 0";
    case "money": return "amount ≥ 0, e.g. 1234.50";
    case "date": return "date, e.g. 2026-03-31";
    case "bool": return "yes/no, true/false, 1/0";
    case "enum": return `one of: ${enumValues(fd).join(", ")}`;
    case "category": return `one of: ${DEFAULT_CATEGORIES[fd.list].join(", ")} (or a value already used)`;
    case "ref": return fd.help ?? "reference";
  }
}

/** The documentation of every type's columns (same definitions the server validates with). */
export function ExpectedColumns({ types }: { types: ImportType[] }) {
  return (
    <section aria-labelledby="columns-heading" className={`${cardClass} p-5`}>
      <h2 id="columns-heading" className="text-base font-semibold text-slate-900">
        Expected columns
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Headers are matched ignoring case, spaces and punctuation, and the usual HubSpot, Salesforce and Pipedrive export names are recognised;
        you can map any other column by hand. Categories are matched ignoring case and spaces; an unknown value is reported, never guessed.
      </p>
      <div className="mt-4 space-y-2">
        {types.map((t) => {
          const def = TYPE_DEFS[t];
          const keys = duplicateKeyLabels(t);
          return (
            <details key={t} className="rounded-md border border-slate-200">
              <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-800">{def.plural}</summary>
              <div className="overflow-x-auto px-3 pb-3">
                <p className="py-2 text-xs text-slate-600">Duplicates: {keys.length ? keys.join("; or ") : "not detected for this type"}.</p>
                <table className="min-w-full text-xs">
                  <thead>
                    <tr className="text-left text-slate-500">
                      <th scope="col" className="py-1 pr-3">Column</th>
                      <th scope="col" className="py-1 pr-3">Format</th>
                      <th scope="col" className="py-1">Also recognised</th>
                    </tr>
                  </thead>
                  <tbody>
                    {def.fields.map((fd) => (
                      <tr key={fd.key} className="align-top">
                        <td className="py-1 pr-3 font-medium text-slate-800">
                          {fd.label}
                          {fd.required ? <span className="text-red-700"> (required)</span> : null}
                        </td>
                        <td className="py-1 pr-3 text-slate-700">{fieldFormat(fd)}</td>
                        <td className="py-1 text-slate-500">{[fd.key, ...fd.aliases].join(", ")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          );
        })}
      </div>
    </section>
  );
}
