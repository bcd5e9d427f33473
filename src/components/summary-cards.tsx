import { formatValue } from "./format";
import { cardClass } from "./ui";

export type SummaryCard = { id: string; label: string; value: number; unit: "count" | "money"; hint: string };

/** The role's headline numbers (server component). */
export function SummaryCards({ cards }: { cards: SummaryCard[] }) {
  if (!cards.length) {
    return <p className="text-sm text-slate-600">There are no numbers for your role yet.</p>;
  }
  return (
    <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label="Your numbers">
      {cards.map((card) => (
        <li key={card.id} data-testid={`card-${card.id}`} className={`${cardClass} p-5`}>
          <p className="text-sm font-medium text-slate-600">{card.label}</p>
          <p
            data-testid={`card-${card.id}-value`}
            className={`mt-2 text-3xl font-semibold tabular-nums tracking-tight ${card.value === 0 ? "text-slate-400" : "text-slate-900"}`}
          >
            {formatValue(card.value, card.unit)}
          </p>
          <p className="mt-1 text-xs text-slate-500">{card.hint}</p>
        </li>
      ))}
    </ul>
  );
}
