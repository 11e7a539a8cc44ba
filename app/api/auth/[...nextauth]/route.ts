import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

type TRouteContext = { params: Promise<{ nextauth: string[] }> };

const handler = async (req: Request, ctx: TRouteContext) =>
  NextAuth(req as never, { params: await ctx.params } as never, authOptions());

export { handler as GET, handler as POST };
