import { expect, test } from "@playwright/test";
import { DEMO_LOGINS, DEMO_PASSWORD, expectHome, signIn, storageStateFor } from "./helpers";

test.describe("signed-in roles", () => {
  for (const { role, email } of DEMO_LOGINS) {
    test.describe(role, () => {
      test.use({ storageState: storageStateFor(email) });
      test(`${email} reopens the app and lands on the home page with cards`, async ({ page }) => {
        await page.goto("/");
        await expectHome(page);
        await expect(page.getByTestId("user-name")).toBeVisible();
      });
    });
  }
});

test.describe("login page", () => {
  test("a wrong password is refused with a plain message and stays on /login", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("crm@northwind.test");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("login-error")).toHaveText("Email or password is incorrect.");
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  test("an unknown email gets the same message", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("nobody@nowhere.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("login-error")).toHaveText("Email or password is incorrect.");
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  test("a signed-out visitor is sent to /login", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });
});

test("sign-up creates an organization and signs its CRM manager in", async ({ page }) => {
  const stamp = Date.now().toString(36);
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Erin Example");
  await page.getByLabel("Email").fill(`erin-${stamp}@example.test`);
  await page.getByLabel("Password").fill("a-long-password-1");
  await page.getByLabel("Company name").fill(`Example Co ${stamp}`);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expectHome(page);
  await expect(page.getByTestId("org-name")).toHaveText(`Example Co ${stamp}`);
});

test.describe("role limits", () => {
  test.use({ storageState: storageStateFor("rep@northwind.test") });
  test("a sales rep opening /users is refused", async ({ page }) => {
    await page.goto("/users");
    await expect(page).toHaveURL(/\/forbidden/);
    await expect(page.getByText("Your role does not allow")).toBeVisible();
  });
});

test.describe("role limits, positive control", () => {
  test.use({ storageState: storageStateFor("crm@northwind.test") });
  test("a CRM manager opening /users sees the members", async ({ page }) => {
    await page.goto("/users");
    // visible: while the page streams in, React can briefly hold a hidden copy of it
    await expect(page.getByTestId("members-table").filter({ visible: true })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/users");
  });
});

test("sign out returns to /login and the app is closed again", async ({ page }) => {
  // a fresh session of its own, so the saved ones stay valid
  await signIn(page, "support@northwind.test");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});
