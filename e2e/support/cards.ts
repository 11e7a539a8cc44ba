import type { FrameLocator, Page } from "@playwright/test";

/** The gateway's hosted card fields, inside their iframe on the gateway's origin. */
export const cardFrame = (page: Page) => page.frameLocator('iframe[title^="Card details"]');

/** Types a card into the hosted fields: `number`, a future expiry, a CVV and a billing ZIP. */
export const fillCard = async (frame: FrameLocator, number: string) => {
  await frame.getByLabel("Card number").fill(number);
  await frame.getByLabel("Expiration date").fill("12/30");
  await frame.getByLabel("Security code (CVV)").fill("123");
  await frame.getByLabel("Billing ZIP code").fill("19103");
};
