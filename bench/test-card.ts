// The approved test card the benchmarks spend, as the hosted fields would send it typed. The
// number is the browser tests' (e2e/support/test-numbers.ts): test numbers live in one place.
import { TEST_CARDS } from "../e2e/support/test-numbers";

export const approvedTestCard = (now: Date) => ({
  number: TEST_CARDS.visa,
  expiry: `12/${String((now.getUTCFullYear() + 4) % 100).padStart(2, "0")}`,
  cvv: "123",
  zip: "19103",
});
