import { methodLabel } from "@/lib/receipts/format";

type TLabelled = {
  kind: "CARD" | "ACH" | "APPLE_PAY" | "GOOGLE_PAY";
  brand: string | null;
  bankName: string | null;
  last4: string;
  nickname: string | null;
};

/** "Visa ••4242", "Bank account ••6789 (Chase)"; with the nickname first when asked: "Work card · Visa ••4242". */
export const walletMethodLabel = (m: TLabelled, { withNickname = false } = {}) => {
  const label = methodLabel({ kind: m.kind, brand: m.kind === "ACH" ? m.bankName : m.brand, last4: m.last4 });
  return withNickname && m.nickname ? `${m.nickname} · ${label}` : label;
};
