import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

type TRouteContext = { params: Promise<{ nextauth: string[] }> };

const handler = async (req: Request, ctx: TRouteContext) =>
  NextAuth(req as never, { params: await ctx.params } as never, authOptions());

/**
 * Signing in with a password is a POST; next-auth answers a GET of its credentials callback
 * with a 500, so that one is refused here as the method it is.
 */
const get = async (req: Request, ctx: TRouteContext) => {
  const { nextauth } = await ctx.params;
  if (nextauth[0] === "callback" && nextauth[1] === "credentials") {
    return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
  }
  return handler(req, ctx);
};

export { get as GET, handler as POST };
