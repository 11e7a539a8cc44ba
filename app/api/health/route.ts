/**
 * GET /api/health: the process is alive and serving (a load balancer's liveness check). No
 * session, no database, nothing about the instance: 200 {"status":"ok"}, never cached.
 * Whether it can take traffic (database, migrations, gateway) is /api/ready's question.
 */
export const dynamic = "force-dynamic";

export const GET = () => Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
