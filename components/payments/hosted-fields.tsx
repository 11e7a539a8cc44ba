"use client";

import { useEffect, useId, useImperativeHandle, useRef, useState, useSyncExternalStore } from "react";
import { useLocale, useTranslations } from "next-intl";

export type THostedKind = "card" | "ach";

export type THostedToken = {
  token: string;
  kind: THostedKind;
  brand: string | null;
  last4: string;
  expMonth: number | null;
  expYear: number | null;
  bankAccountType: string | null;
};

export type TTokenizeResult =
  { ok: true; token: THostedToken } | { ok: false; fields?: Record<string, string>; message?: string };

export type THostedFieldsHandle = { tokenize: () => Promise<TTokenizeResult> };

const TOKENIZE_TIMEOUT_MS = 20_000;

const subscribeToNothing = () => () => {};

const hostedFieldsUrl = ({
  gatewayOrigin,
  publishableKey,
  kind,
  origin,
  lang,
}: {
  gatewayOrigin: string;
  publishableKey: string;
  kind: THostedKind;
  origin: string;
  /** The reader's language, which the gateway's page speaks (English when it has no other). */
  lang: string;
}) => {
  const url = new URL("/hosted-fields", gatewayOrigin);
  url.searchParams.set("key", publishableKey);
  url.searchParams.set("origin", origin);
  url.searchParams.set("kind", kind);
  url.searchParams.set("lang", lang);
  return url.toString();
};

/**
 * The gateway's hosted card or bank fields, in an iframe on the gateway's own origin. Card and
 * bank numbers are typed into the gateway's page and go straight to the gateway; this page
 * only ever receives a single-use token, brand and last 4 (docs/gateway-api.md). Give it a
 * `key` of its kind, so switching between card and bank starts a fresh form.
 */
export function HostedFields({
  ref,
  gatewayOrigin,
  publishableKey,
  kind,
}: {
  ref: React.Ref<THostedFieldsHandle>;
  gatewayOrigin: string;
  publishableKey: string;
  kind: THostedKind;
}) {
  const t = useTranslations("HostedFields");
  const lang = useLocale();
  const iframe = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(kind === "card" ? 300 : 330);
  const [isReady, setIsReady] = useState(false);
  const pending = useRef<((result: TTokenizeResult) => void) | null>(null);
  // Asks made before the gateway's page said it was ready (its script still loading): sent then.
  const whenReady = useRef<(() => void)[]>([]);
  // The iframe needs this page's origin, which only the browser knows (null while rendering on the server).
  const origin = useSyncExternalStore(
    subscribeToNothing,
    () => window.location.origin,
    () => null,
  );
  const src = origin ? hostedFieldsUrl({ gatewayOrigin, publishableKey, kind, origin, lang }) : null;

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== gatewayOrigin || event.source !== iframe.current?.contentWindow) return;
      const data = event.data as { type?: string } & Record<string, unknown>;
      switch (data?.type) {
        case "gateway:ready":
          setIsReady(true);
          for (const send of whenReady.current.splice(0)) send();
          return;
        case "gateway:resize":
          if (typeof data.height === "number" && data.height > 0 && data.height < 2000)
            setHeight(Math.ceil(data.height));
          return;
        case "gateway:token":
          pending.current?.({
            ok: true,
            token: {
              token: String(data.token),
              kind: data.kind === "ach" ? "ach" : "card",
              brand: typeof data.brand === "string" ? data.brand : null,
              last4: String(data.last4 ?? ""),
              expMonth: typeof data.exp_month === "number" ? data.exp_month : null,
              expYear: typeof data.exp_year === "number" ? data.exp_year : null,
              bankAccountType: typeof data.bank_account_type === "string" ? data.bank_account_type : null,
            },
          });
          pending.current = null;
          return;
        case "gateway:invalid":
          pending.current?.({ ok: false, fields: (data.fields as Record<string, string>) ?? {} });
          pending.current = null;
          return;
      }
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [gatewayOrigin]);

  useImperativeHandle(
    ref,
    () => ({
      // Asked before the gateway's page is ready (a quick typist on a slow connection: the fields
      // take typing before their script runs), it waits for the page, within the same time limit.
      tokenize: () =>
        new Promise<TTokenizeResult>((resolve) => {
          let [isSent, isSettled] = [false, false];
          const timer = window.setTimeout(() => {
            whenReady.current = whenReady.current.filter((s) => s !== send);
            if (pending.current === settle) pending.current = null;
            settle({ ok: false, message: isSent ? t("noAnswer") : t("stillLoading") });
          }, TOKENIZE_TIMEOUT_MS);
          const settle = (result: TTokenizeResult) => {
            if (isSettled) return;
            isSettled = true;
            window.clearTimeout(timer);
            resolve(result);
          };
          const send = () => {
            const target = iframe.current?.contentWindow;
            if (!target) return settle({ ok: false, message: t("stillLoading") });
            isSent = true;
            pending.current = settle;
            target.postMessage({ type: "gateway:tokenize" }, gatewayOrigin);
          };
          if (isReady) send();
          else whenReady.current.push(send);
        }),
    }),
    [gatewayOrigin, isReady, t],
  );

  return (
    <div>
      {!isReady ? (
        <p className="text-sm text-slate-700" aria-live="polite">
          {t("loading")}
        </p>
      ) : null}
      {src ? (
        <iframe
          ref={iframe}
          src={src}
          title={kind === "card" ? t("cardFrame") : t("bankFrame")}
          className="w-full rounded-md border border-slate-300 bg-white"
          style={{ height }}
          sandbox="allow-scripts allow-same-origin allow-forms"
        />
      ) : null}
    </div>
  );
}

const KINDS = [
  ["card", "card"],
  ["ach", "bank"],
] as const;

/** Card or bank account: which of the gateway's hosted forms to show. */
export function HostedKindChoice({
  kind,
  onChange,
  label,
}: {
  kind: THostedKind;
  onChange: (kind: THostedKind) => void;
  /** The group's accessible name. */
  label: string;
}) {
  const name = useId();
  const t = useTranslations("HostedFields");
  return (
    <div className="flex flex-wrap gap-4" role="radiogroup" aria-label={label}>
      {KINDS.map(([value, text]) => (
        <label key={value} className="flex min-h-11 items-center gap-2">
          <input
            type="radio"
            name={name}
            value={value}
            checked={kind === value}
            onChange={() => onChange(value)}
            className="h-5 w-5"
          />
          {t(text)}
        </label>
      ))}
    </div>
  );
}
