"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { TWalletConfig } from "@/lib/payments/wallets";
import type { TWalletPayment } from "@/lib/payments/schemas";
import type { ActionResult } from "@/lib/result";

/** The server action that asks the gateway for an Apple Pay merchant session. */
export type TApplePaySessionAction = (
  prev: unknown,
  input: { validationUrl: string },
) => Promise<ActionResult<unknown>>;

type TWalletKind = TWalletPayment["kind"];
type TAuthorize = (wallet: TWalletPayment) => Promise<{ ok: boolean }>;

// --- the browsers' own APIs, as much of them as this file uses ------------------------------

type TApplePayToken = Extract<TWalletPayment, { kind: "apple_pay" }>["token"];
type TApplePaySession = {
  onvalidatemerchant: (event: { validationURL: string }) => void;
  onpaymentauthorized: (event: { payment: { token: TApplePayToken } }) => void;
  oncancel: () => void;
  completeMerchantValidation: (session: unknown) => void;
  completePayment: (status: number) => void;
  abort: () => void;
  begin: () => void;
};
type TApplePaySessionClass = {
  new (version: number, request: unknown): TApplePaySession;
  canMakePayments: () => boolean;
  supportsVersion?: (version: number) => boolean;
  STATUS_SUCCESS: number;
  STATUS_FAILURE: number;
};
type TGooglePaymentsClient = {
  isReadyToPay: (request: unknown) => Promise<{ result: boolean }>;
  createButton: (options: {
    onClick: () => void;
    buttonType: "pay";
    buttonColor: "black";
    buttonSizeMode: "fill";
    buttonLocale?: string;
  }) => HTMLElement;
  loadPaymentData: (request: unknown) => Promise<{
    paymentMethodData: {
      tokenizationData: { token: string };
      info: { cardNetwork: string; cardDetails: string };
    };
  }>;
};
type TGoogleGlobal = {
  payments: { api: { PaymentsClient: new (options: { environment: string }) => TGooglePaymentsClient } };
};

const GOOGLE_PAY_JS = "https://pay.google.com/gp/p/js/pay.js";
const GOOGLE_LOAD_TIMEOUT_MS = 4000;

/** Loads Google's pay.js once; null when it cannot be had (offline, blocked) within a few seconds. */
let googleLoad: Promise<TGoogleGlobal | null> | null = null;
const loadGooglePay = () => {
  googleLoad ??= new Promise((resolve) => {
    const existing = (window as unknown as { google?: TGoogleGlobal }).google;
    if (existing?.payments) return resolve(existing);
    const script = document.createElement("script");
    const timer = window.setTimeout(() => resolve(null), GOOGLE_LOAD_TIMEOUT_MS);
    script.src = GOOGLE_PAY_JS;
    script.async = true;
    script.onload = () => {
      window.clearTimeout(timer);
      resolve((window as unknown as { google?: TGoogleGlobal }).google ?? null);
    };
    script.onerror = () => {
      window.clearTimeout(timer);
      resolve(null);
    };
    document.head.appendChild(script);
  });
  return googleLoad;
};

const applePayClass = () =>
  (window as unknown as { ApplePaySession?: TApplePaySessionClass }).ApplePaySession ?? null;

const googleCardMethod = (config: TWalletConfig) => ({
  type: "CARD",
  parameters: {
    allowedAuthMethods: ["PAN_ONLY", "CRYPTOGRAM_3DS"],
    allowedCardNetworks: config.supportedNetworks.map((n) => n.toUpperCase()),
  },
  tokenizationSpecification: {
    type: "PAYMENT_GATEWAY",
    parameters: { gateway: config.googlePay.gateway, gatewayMerchantId: config.googlePay.gatewayMerchantId },
  },
});

const dollars = (cents: number) => (cents / 100).toFixed(2);

type TAvailability = { kind: TWalletKind; via: "browser" | "simulator" };

/**
 * Apple Pay and Google Pay buttons, each shown only where it can work: Apple Pay where the
 * browser has `ApplePaySession` and a card in it; Google Pay where Google's pay.js loads and
 * says the browser is ready. In sandbox mode (`useSimulator`), a wallet the browser lacks is
 * offered through the sandbox gateway's wallet simulator, in a dialog, clearly marked. Either
 * way the page receives the wallet's own payment object and hands it to `onAuthorize`.
 */
export function WalletButtons({
  config,
  amountCents,
  currency,
  gatewayOrigin,
  publishableKey,
  isDisabled,
  canStart,
  onAuthorize,
  applePaySessionAction,
}: {
  config: TWalletConfig;
  amountCents: number;
  currency: string;
  gatewayOrigin: string;
  publishableKey: string;
  isDisabled: boolean;
  /** Checks the amounts first (and shows what is wrong); false keeps the sheet closed. */
  canStart: () => boolean;
  onAuthorize: TAuthorize;
  applePaySessionAction: TApplePaySessionAction;
}) {
  const id = useId();
  const t = useTranslations("WalletButtons");
  const locale = useLocale();
  const [available, setAvailable] = useState<TAvailability[]>([]);
  const [simulating, setSimulating] = useState<TWalletKind | null>(null);
  const [googleClient, setGoogleClient] = useState<TGooglePaymentsClient | null>(null);

  useEffect(() => {
    if (!config.isEnabled) return;
    let isCancelled = false;
    const detect = async () => {
      const found: TAvailability[] = [];
      const apple = applePayClass();
      let hasApple = false;
      try {
        hasApple = Boolean(apple?.canMakePayments());
      } catch {
        hasApple = false; // not on an https page, or not allowed here
      }
      if (hasApple) found.push({ kind: "apple_pay", via: "browser" });
      else if (config.useSimulator) found.push({ kind: "apple_pay", via: "simulator" });

      const google = await loadGooglePay();
      let hasGoogle = false;
      if (google) {
        try {
          const client = new google.payments.api.PaymentsClient({
            environment: config.googlePay.environment,
          });
          const ready = await client.isReadyToPay({
            apiVersion: 2,
            apiVersionMinor: 0,
            allowedPaymentMethods: [googleCardMethod(config)],
          });
          if (ready.result && !isCancelled) {
            setGoogleClient(client);
            hasGoogle = true;
          }
        } catch {
          hasGoogle = false;
        }
      }
      if (hasGoogle) found.push({ kind: "google_pay", via: "browser" });
      else if (config.useSimulator) found.push({ kind: "google_pay", via: "simulator" });
      if (!isCancelled) setAvailable(found);
    };
    void detect();
    return () => {
      isCancelled = true;
    };
  }, [config]);

  const payWithApple = () => {
    const ApplePay = applePayClass();
    if (!ApplePay) return;
    const session = new ApplePay(3, {
      countryCode: config.countryCode,
      currencyCode: currency,
      supportedNetworks: config.supportedNetworks,
      merchantCapabilities: ["supports3DS"],
      total: { label: config.merchantName, amount: dollars(amountCents) },
    });
    session.onvalidatemerchant = (event) => {
      applePaySessionAction(null, { validationUrl: event.validationURL })
        .then((result) => (result.ok ? session.completeMerchantValidation(result.data) : session.abort()))
        .catch(() => session.abort());
    };
    session.onpaymentauthorized = (event) => {
      void onAuthorize({ kind: "apple_pay", token: event.payment.token }).then(({ ok }) =>
        session.completePayment(ok ? ApplePay.STATUS_SUCCESS : ApplePay.STATUS_FAILURE),
      );
    };
    session.oncancel = () => undefined;
    session.begin();
  };

  const payWithGoogle = async () => {
    const client = googleClient;
    if (!client) return;
    try {
      const data = await client.loadPaymentData({
        apiVersion: 2,
        apiVersionMinor: 0,
        allowedPaymentMethods: [googleCardMethod(config)],
        transactionInfo: {
          totalPriceStatus: "FINAL",
          totalPrice: dollars(amountCents),
          currencyCode: currency,
          countryCode: config.countryCode,
        },
        merchantInfo: {
          merchantName: config.merchantName,
          ...(config.googlePay.merchantId ? { merchantId: config.googlePay.merchantId } : {}),
        },
      });
      await onAuthorize({
        kind: "google_pay",
        token: data.paymentMethodData.tokenizationData.token,
        info: data.paymentMethodData.info,
      });
    } catch {
      // The patient closed the sheet: nothing to do.
    }
  };

  const start = (a: TAvailability) => {
    if (isDisabled || !canStart()) return;
    if (a.via === "simulator") setSimulating(a.kind);
    else if (a.kind === "apple_pay") payWithApple();
    else void payWithGoogle();
  };

  if (!config.isEnabled || available.length === 0) return null;
  return (
    <div className="flex flex-col gap-2">
      <p id={`${id}-label`} className="font-medium">
        {t("express")}
      </p>
      <div className="flex flex-wrap gap-3" role="group" aria-labelledby={`${id}-label`}>
        {available.map((a) =>
          a.via === "browser" && a.kind === "apple_pay" ? (
            <button
              key={a.kind}
              type="button"
              // Apple's button draws its words in the language of its lang attribute.
              lang={locale}
              aria-label={t("applePay")}
              disabled={isDisabled}
              onClick={() => start(a)}
              className="apple-pay-button min-h-11 w-48 rounded-md"
            />
          ) : a.via === "browser" && googleClient ? (
            <GooglePayButton key={a.kind} client={googleClient} locale={locale} onClick={() => start(a)} />
          ) : (
            <button
              key={a.kind}
              type="button"
              disabled={isDisabled}
              onClick={() => start(a)}
              className="inline-flex min-h-11 min-w-48 items-center justify-center rounded-md bg-black px-4 py-2 font-semibold text-white hover:bg-slate-800 disabled:bg-slate-500"
            >
              {a.kind === "apple_pay" ? t("applePay") : t("googlePay")}
              <span className="ml-2 text-sm font-normal">{t("sandbox")}</span>
            </button>
          ),
        )}
      </div>
      {simulating ? (
        <WalletSimulatorDialog
          kind={simulating}
          amountCents={amountCents}
          currency={currency}
          label={config.merchantName}
          gatewayOrigin={gatewayOrigin}
          publishableKey={publishableKey}
          onClose={() => setSimulating(null)}
          onAuthorize={onAuthorize}
        />
      ) : null}
    </div>
  );
}

/** Google's own Google Pay button (its brand guidelines), made by pay.js into a container of ours. */
function GooglePayButton({
  client,
  locale,
  onClick,
}: {
  client: TGooglePaymentsClient;
  /** The language of the button's own words. */
  locale: string;
  onClick: () => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const handler = useRef(onClick);
  useEffect(() => {
    handler.current = onClick;
  }, [onClick]);
  useEffect(() => {
    const host = container.current;
    if (!host) return;
    const button = client.createButton({
      onClick: () => handler.current(),
      buttonType: "pay",
      buttonColor: "black",
      buttonSizeMode: "fill",
      buttonLocale: locale,
    });
    host.replaceChildren(button);
    return () => host.replaceChildren();
  }, [client, locale]);
  return <div ref={container} className="h-11 w-48" />;
}

/**
 * The sandbox gateway's stand-in for a wallet's payment sheet, in a modal dialog: an iframe on
 * the gateway's origin that answers with the same payment object the real wallet would give.
 */
function WalletSimulatorDialog({
  kind,
  amountCents,
  currency,
  label,
  gatewayOrigin,
  publishableKey,
  onClose,
  onAuthorize,
}: {
  kind: TWalletKind;
  amountCents: number;
  currency: string;
  label: string;
  gatewayOrigin: string;
  publishableKey: string;
  onClose: () => void;
  onAuthorize: TAuthorize;
}) {
  const t = useTranslations("WalletButtons");
  const lang = useLocale();
  const dialog = useRef<HTMLDialogElement>(null);
  const iframe = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(480);
  const name = kind === "apple_pay" ? "Apple Pay" : "Google Pay";
  const src = (() => {
    const url = new URL("/wallet-simulator", gatewayOrigin);
    url.searchParams.set("kind", kind);
    url.searchParams.set("key", publishableKey);
    url.searchParams.set("origin", window.location.origin);
    url.searchParams.set("amount_cents", String(amountCents));
    url.searchParams.set("currency", currency);
    url.searchParams.set("label", label);
    url.searchParams.set("lang", lang);
    return url.toString();
  })();

  useEffect(() => {
    dialog.current?.showModal();
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== gatewayOrigin || event.source !== iframe.current?.contentWindow) return;
      const data = event.data as { type?: string; height?: unknown; payload?: unknown };
      switch (data?.type) {
        case "gateway:resize":
          if (typeof data.height === "number" && data.height > 0 && data.height < 2000)
            setHeight(Math.ceil(data.height));
          return;
        case "gateway:wallet:cancelled":
          onClose();
          return;
        case "gateway:wallet:authorized": {
          onClose();
          if (kind === "apple_pay") {
            const payload = data.payload as { token: TApplePayToken };
            void onAuthorize({ kind, token: payload.token });
          } else {
            const payload = data.payload as {
              paymentMethodData: {
                tokenizationData: { token: string };
                info: { cardNetwork: string; cardDetails: string };
              };
            };
            void onAuthorize({
              kind,
              token: payload.paymentMethodData.tokenizationData.token,
              info: payload.paymentMethodData.info,
            });
          }
          return;
        }
      }
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [gatewayOrigin, kind, onAuthorize, onClose]);

  return (
    <dialog
      ref={dialog}
      aria-label={t("simulator", { wallet: name })}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      // The sheet scrolls inside its own frame; the dialog itself never does.
      className="m-auto w-full max-w-md overflow-hidden rounded-lg p-0 backdrop:bg-black/50"
    >
      <iframe
        ref={iframe}
        src={src}
        title={t("sheet", { wallet: name })}
        className="w-full border-0"
        style={{ height, maxHeight: "85vh" }}
        sandbox="allow-scripts allow-same-origin allow-forms"
      />
    </dialog>
  );
}
