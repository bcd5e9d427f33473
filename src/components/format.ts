const countFormat = new Intl.NumberFormat("en-US");
const moneyFormat = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

/** 12345 -> "12,345" */
export function formatCount(value: number): string {
  return countFormat.format(value);
}

/** 12345 -> "$12,345" */
export function formatMoney(value: number): string {
  return moneyFormat.format(value);
}

export function formatValue(value: number, unit: "count" | "money"): string {
  return unit === "money" ? formatMoney(value) : formatCount(value);
}
