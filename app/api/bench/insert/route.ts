import { benchBaselineRoutesOn, insertBenchBaselineRow } from "@/lib/bench/baseline-route";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });

/** The HTTP benchmark's bare-insert baseline (lib/bench/baseline-route.ts); 404 unless switched on. */
export const POST = async () => {
  if (!benchBaselineRoutesOn()) return notFound();
  await insertBenchBaselineRow();
  return new Response(null, { status: 204 });
};
export const GET = async () => notFound();
