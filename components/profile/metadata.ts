import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

/** A profile page's title in the reader's language: "Your details · Profile". */
export const profileMetadata = async (
  section: "details" | "email" | "password" | "security" | "preferences" | "accounts" | "sharing" | "unlink",
): Promise<Metadata> => {
  const t = await getTranslations("Profile");
  return {
    title: t("pageTitle", { section: section === "unlink" ? t("unlinkTitle") : t(`nav.${section}`) }),
  };
};
