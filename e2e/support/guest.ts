import type { Page } from "@playwright/test";
import { captureServerAction, DEMO } from "./fixtures";

export const LOOKUP_NO_MATCH =
  "We couldn't find a statement with those details. Check them against your paper statement and try again.";

export type TProof = { statementNumber: string } & ({ dob: string } | { zip: string });

/**
 * Fills the statement-proof fields (guest lookup and account linking share them) and submits
 * with `submitName`, waiting for the server action's answer.
 */
export const submitStatementProof = async (page: Page, proof: TProof, submitName: string) => {
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: submitName }) });
  await form.getByLabel("Statement number").fill(proof.statementNumber);
  if ("dob" in proof) {
    await form.getByRole("radio", { name: "Date of birth", exact: true }).check();
    await form.getByLabel("Patient's date of birth").fill(proof.dob);
  } else {
    await form.getByRole("radio", { name: "ZIP code", exact: true }).check();
    await form.getByLabel("ZIP code on the statement").fill(proof.zip);
  }
  const answered = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined,
  );
  await form.getByRole("button", { name: submitName }).click();
  await answered;
  return form;
};

export const lookUpStatement = (page: Page, proof: TProof) =>
  submitStatementProof(page, proof, "Find my statement");

/** The guest lookup's server action for the demo statement, captured before it reaches the server. */
export const captureGuestLookup = async (page: Page) => {
  await page.goto("/guest");
  return captureServerAction(page, "/guest", async () => {
    await page.getByLabel("Statement number").fill(DEMO.guest.statementNumber);
    await page.getByLabel("Patient's date of birth").fill(DEMO.guest.dob);
    await page.getByRole("button", { name: "Find my statement" }).click();
  });
};
