import { getTranslations } from "next-intl/server";
import { PageLoading } from "@/components/ui/page-loading";

export default async function Loading() {
  return <PageLoading shape="form" label={(await getTranslations("PatientNav"))("loading")} />;
}
