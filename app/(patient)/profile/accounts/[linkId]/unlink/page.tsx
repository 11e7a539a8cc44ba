import { getTranslations } from "next-intl/server";
import { profileMetadata } from "@/components/profile/metadata";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/form-message";
import { UnlinkAccountForm } from "@/components/profile/unlink-account-form";
import { patientPage } from "@/lib/auth/page-guards";
import { orNotFound } from "@/lib/not-found";
import { getLinkedAccountOrThrow } from "@/lib/profile/queries";
import { withMessages } from "@/components/i18n/messages-for";

export const generateMetadata = () => profileMetadata("unlink");

async function UnlinkAccountPage({ params }: { params: Promise<{ linkId: string }> }) {
  const actor = await patientPage();
  const { linkId } = await params;
  // Someone else's link and a missing one are the same 404.
  const account = await orNotFound(getLinkedAccountOrThrow({ userId: actor.userId, linkId }));
  const t = await getTranslations("ProfileAccounts");
  return (
    <Card>
      <h2 className="mb-3 text-xl font-semibold">{t("unlinkHeading", { number: account.accountNumber })}</h2>
      <p className="mb-2 text-slate-700">
        {t("unlinkWhat", {
          number: account.accountNumber,
          name: account.guarantorName,
          practice: account.practiceName,
        })}
      </p>
      <p className="mb-4 text-slate-700">{t("unlinkPractice")}</p>
      {account.otherLinks === 0 ? (
        <div className="mb-4">
          <Notice tone="warning">{t("onlyAccount")}</Notice>
        </div>
      ) : null}
      <UnlinkAccountForm linkId={account.linkId} accountNumber={account.accountNumber} />
    </Card>
  );
}

export default withMessages(
  ["ProfileAccounts", "ProfileErrors", "ServerErrors", "SharingErrors"],
  UnlinkAccountPage,
);
