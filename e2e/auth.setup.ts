// Signs in once per demo role through the login page and saves the session for the other specs
// (the dub / cal.com pattern): each role's sign-in is itself a test.
import { test as setup } from "@playwright/test";
import { DEMO_LOGINS, signIn, storageStateFor } from "./helpers";

for (const { role, email } of DEMO_LOGINS) {
  setup(`sign in as ${role} (${email}) and see the home page`, async ({ page }) => {
    await signIn(page, email);
    await page.context().storageState({ path: storageStateFor(email) });
  });
}
