// Fixed demo logins created by the demo data generator (scripts/seed.ts). Shown on the login page in demo mode.
import type { Role } from "@/generated/prisma/enums";

export const DEMO_PASSWORD = "sasaran-demo";

export type DemoOrgSlug = "northwind" | "contoso";

export type DemoUser = { email: string; name: string; role: Role; password: string; org: DemoOrgSlug };

export const DEMO_ORGS: readonly { slug: DemoOrgSlug; name: string; currency: string }[] = [
  { slug: "northwind", name: "Northwind Analytics", currency: "USD" },
  { slug: "contoso", name: "Contoso Retail", currency: "USD" },
];

export const DEMO_USERS: readonly DemoUser[] = [
  { email: "crm@northwind.test", name: "Nadia Okafor", role: "CRM_MANAGER", password: DEMO_PASSWORD, org: "northwind" },
  { email: "sales@northwind.test", name: "Samuel Reyes", role: "SALES_MANAGER", password: DEMO_PASSWORD, org: "northwind" },
  { email: "support@northwind.test", name: "Priya Raman", role: "SUPPORT_MANAGER", password: DEMO_PASSWORD, org: "northwind" },
  { email: "rep@northwind.test", name: "Lucas Moreau", role: "SALES_REP", password: DEMO_PASSWORD, org: "northwind" },
  { email: "agent@northwind.test", name: "Aiko Tanaka", role: "SUPPORT_AGENT", password: DEMO_PASSWORD, org: "northwind" },
  { email: "crm@contoso.test", name: "Carmen Silva", role: "CRM_MANAGER", password: DEMO_PASSWORD, org: "contoso" },
];

/** Email domains reserved for generated demo users (every generated user's email ends with one of these). */
export const DEMO_EMAIL_DOMAINS = ["@northwind.test", "@contoso.test"] as const;
