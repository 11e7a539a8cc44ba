// One run of the webhook sender in a process of its own (deliver.postgres.int.test.ts kills it
// mid-send): DATABASE_URL names the test database, LEASE_MS the claim's lease.
import { getDatabase } from "@/lib/db";
import { sendDueWebhooks } from "@/lib/webhooks/deliver";

const main = async () => {
  process.send?.({ ready: true });
  const run = await sendDueWebhooks({ leaseMs: Number(process.env.LEASE_MS ?? 60_000) });
  process.send?.({ run });
  await (await getDatabase()).close();
};

void main();
