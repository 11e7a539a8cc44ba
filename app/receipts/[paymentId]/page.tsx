import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageTitle } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button-class";
import { PendingRefresh } from "@/components/receipts/pending-refresh";
import { PrintButton } from "@/components/receipts/print-button";
import { ReceiptDetails } from "@/components/receipts/receipt-details";
import { reconcileIfStale } from "@/lib/payments/refresh-pending";
import type { TReceipt, TReceiptViewer } from "@/lib/receipts/types";
import { getReceiptForRequest } from "@/lib/receipts/viewer";
import { withMessages } from "@/components/i18n/messages-for";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Receipt"))("title") };
}

const backLink = (
  viewer: TReceiptViewer,
  receipt: TReceipt,
  t: Awaited<ReturnType<typeof getTranslations<"Receipt">>>,
) => {
  switch (viewer.kind) {
    case "patient":
      return { href: "/payments", label: t("backPayments") };
    case "guest":
      return { href: "/guest/statement", label: t("backStatement") };
    case "staff":
      return {
        href: `/staff/accounts/${receipt.account.id}`,
        label: t("backAccount", { number: receipt.account.accountNumber }),
      };
  }
};

async function ReceiptPage({ params }: { params: Promise<{ paymentId: string }> }) {
  const { paymentId } = await params;
  let found = await getReceiptForRequest(paymentId);
  if (!found) notFound();
  // A payment whose answer was lost: ask the gateway (throttled) rather than wait for the sweep.
  if (
    await reconcileIfStale({ paymentId, status: found.receipt.status, createdAt: found.receipt.createdAt })
  ) {
    found = (await getReceiptForRequest(paymentId)) ?? found;
  }
  const { receipt, viewer } = found;
  const t = await getTranslations("Receipt");
  const back = backLink(viewer, receipt, t);
  return (
    <>
      <Link href={back.href} className="text-brand-700 underline underline-offset-2 print:hidden">
        ← {back.label}
      </Link>
      <div className="mt-4">
        <PageTitle description={receipt.practice.name}>{t("title")}</PageTitle>
      </div>
      <ReceiptDetails receipt={receipt} />
      <div className="mt-6 flex flex-wrap items-center gap-3 print:hidden">
        {/* A plain link: the PDF is a download, not a page for the router to prefetch. */}
        <a href={`/receipts/${receipt.paymentId}/pdf`} className={buttonClass("primary")} download>
          {t("downloadPdf")}
        </a>
        <PrintButton />
      </div>
      <div className="mt-4">
        <PendingRefresh paymentId={receipt.paymentId} isPending={receipt.status === "PENDING"} />
      </div>
    </>
  );
}

export default withMessages(["Receipt"], ReceiptPage);
