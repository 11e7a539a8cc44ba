import { getTranslations } from "next-intl/server";
import { PageLoading } from "@/components/ui/page-loading";

// In a route group: the statement page beside it answers 404 itself, which it could not once
// this had started streaming.
export default async function Loading() {
  return <PageLoading shape="summary" label={(await getTranslations("PatientNav"))("loading")} />;
}
