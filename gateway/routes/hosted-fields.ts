import type { IncomingMessage, ServerResponse } from "node:http";
import type { TGatewaySetup } from "../context";
import { sendResult } from "../http";
import { hostedFieldsCsp, hostedFieldsHtml } from "../hosted/page";
import { pickLang } from "../hosted/strings.js";
import { createToken, ZTokenRequest } from "../tokens";
import { pageParentOrigin, readPagePost, sendHtml, sendRefusal } from "./pages";

/** The hosted fields: the page (GET /hosted-fields) and the tokens its script asks for (POST /hosted/tokens). */
export const createHostedFieldsRoutes = (
  setup: Pick<TGatewaySetup, "db" | "clock" | "publishableKey" | "allowedOrigins" | "methodKey">,
) => ({
  page: (res: ServerResponse, url: URL) => {
    const parentOrigin = pageParentOrigin(res, url.searchParams, setup, "payment form");
    if (!parentOrigin) return;
    const kind = url.searchParams.get("kind") ?? "card";
    if (kind !== "card" && kind !== "ach") return sendRefusal(res, 400, "Unknown kind of payment form.");
    return sendHtml(
      res,
      200,
      hostedFieldsHtml({
        kind,
        parentOrigin,
        publishableKey: setup.publishableKey,
        lang: pickLang(url.searchParams.get("lang")),
      }),
      hostedFieldsCsp(parentOrigin),
    );
  },

  /** Only from the hosted-fields page itself, which is on this origin. */
  tokenize: async (req: IncomingMessage, res: ServerResponse) => {
    const request = await readPagePost(req, ZTokenRequest, setup, {
      page: "Tokens are created by the hosted fields page",
      what: "the hosted fields",
    });
    if (!request.ok) return sendResult(res, request.result);
    const { input, parentOrigin } = request;
    return sendResult(
      res,
      await createToken(setup.db, {
        input,
        parentOrigin,
        now: setup.clock.now(),
        methodKey: setup.methodKey,
      }),
    );
  },
});
