import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { cookies } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card, PageTitle } from "@/components/ui/card";
import { getGuestStatement } from "@/lib/guest/queries";
import { latestReceiptOfStatement, openTextToPayLink } from "@/lib/text-to-pay/open-link";
import { TEXT_LINK_COOKIE } from "@/lib/text-to-pay/token";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("TextLinkPaid"))("title") };
}

const linkClass = "text-brand-700 underline underline-offset-2";

/**
 * Where a text-to-pay link (/t/<token>) lands when its statement was paid or closed since the
 * text: it says nothing is owed instead of opening a pay page with nothing on it. In the link's
 * first day (a guest session on the statement) it links the statement and its receipt; later
 * the date of birth comes first (the token waits in its cookie), as it would to pay.
 */
export default async function TextLinkPaidPage() {
  const t = await getTranslations("TextLinkPaid");
  const token = (await cookies()).get(TEXT_LINK_COOKIE)?.value;
  if (token) {
    const opening = await openTextToPayLink({ token });
    if (opening.status !== "settled") redirect("/guest/text-link");
    return (
      <Paid heading={t("heading")} text={t("statement", { number: opening.statementNumber })}>
        <Link href="/guest/text-link" className={linkClass}>
          {t("confirmToSee")}
        </Link>
      </Paid>
    );
  }
  const guest = await getGuestStatement();
  if (guest.status !== "ok") redirect("/guest/text-link");
  const { statement } = guest;
  if (statement.status !== "PAID" && statement.balanceCents > 0) redirect("/guest/pay");
  const receiptId = await latestReceiptOfStatement(statement.id);
  return (
    <Paid heading={t("heading")} text={t("statement", { number: statement.statementNumber })}>
      <Link href="/guest/statement" className={linkClass}>
        {t("seeStatement")}
      </Link>
      {receiptId ? (
        <Link href={`/receipts/${receiptId}`} className={linkClass}>
          {t("seeReceipt")}
        </Link>
      ) : null}
    </Paid>
  );
}

function Paid({ heading, text, children }: { heading: string; text: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{heading}</PageTitle>
      <Card>
        <p>{text}</p>
        <p className="mt-4 flex flex-wrap gap-x-6 gap-y-2">{children}</p>
      </Card>
    </div>
  );
}
