"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { signOut } from "next-auth/react";

const ACTIVITY_EVENTS = ["pointerdown", "keydown", "scroll", "touchstart"] as const;
const KEEPALIVE_EVERY_MS = 60_000;

/**
 * HIPAA automatic logoff. After `timeoutSeconds` without activity the browser signs out; a
 * warning dialog appears one minute before (or halfway, for very short test timeouts). While
 * the person is active the session is refreshed at most once a minute; the server-side JWT
 * expires on its own after the same idle time, so a closed or frozen tab is signed out too.
 * In the reader's language: the patient's, English for staff (their layouts wrap it in
 * `MessagesFor`, components/i18n/messages-for.tsx).
 */
export function IdleSignOut({ timeoutSeconds }: { timeoutSeconds: number }) {
  const t = useTranslations("IdleSignOut");
  const timeoutMs = timeoutSeconds * 1000;
  const warnBeforeMs = Math.min(60_000, timeoutMs / 2);
  const lastActivity = useRef(0);
  const lastKeepalive = useRef(0);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const stayButton = useRef<HTMLButtonElement>(null);

  const keepalive = useCallback(() => {
    lastKeepalive.current = Date.now();
    void fetch("/api/auth/session", { cache: "no-store", credentials: "same-origin" });
  }, []);

  useEffect(() => {
    lastActivity.current = Date.now();
    lastKeepalive.current = Date.now();
    const onActivity = () => {
      lastActivity.current = Date.now();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { passive: true });
    const timer = window.setInterval(() => {
      const idleMs = Date.now() - lastActivity.current;
      if (idleMs >= timeoutMs) {
        window.clearInterval(timer);
        void signOut({ callbackUrl: "/login?reason=idle" });
        return;
      }
      if (idleMs >= timeoutMs - warnBeforeMs) {
        setSecondsLeft(Math.ceil((timeoutMs - idleMs) / 1000));
        return;
      }
      setSecondsLeft(null);
      if (
        lastActivity.current > lastKeepalive.current &&
        Date.now() - lastKeepalive.current >= Math.min(KEEPALIVE_EVERY_MS, timeoutMs / 4)
      ) {
        keepalive();
      }
    }, 1000);
    return () => {
      window.clearInterval(timer);
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity);
    };
  }, [timeoutMs, warnBeforeMs, keepalive]);

  const isWarning = secondsLeft !== null;
  useEffect(() => {
    if (isWarning) stayButton.current?.focus();
  }, [isWarning]);

  if (!isWarning) return null;
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/60 p-4">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-title"
        aria-describedby="idle-desc"
        className="w-full max-w-sm rounded-lg bg-white p-6 shadow-xl"
      >
        <h2 id="idle-title" className="text-lg font-bold">
          {t("title")}
        </h2>
        <p id="idle-desc" className="mt-2">
          {t.rich("body", { seconds: secondsLeft, strong: (chunks) => <strong>{chunks}</strong> })}
        </p>
        <div className="mt-4 flex flex-wrap gap-2">
          <button
            ref={stayButton}
            type="button"
            className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
            onClick={() => {
              lastActivity.current = Date.now();
              setSecondsLeft(null);
              keepalive();
            }}
          >
            {t("stay")}
          </button>
          <button
            type="button"
            className="min-h-11 rounded-md border border-slate-300 px-4 py-2 font-semibold"
            onClick={() => void signOut({ callbackUrl: "/login?reason=signedout" })}
          >
            {t("signOut")}
          </button>
        </div>
      </div>
    </div>
  );
}
