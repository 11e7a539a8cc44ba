import { PageLoading } from "@/components/ui/page-loading";

// In a route group: an import's page answers 404 itself, which it could not once this had started streaming.
export default function Loading() {
  return <PageLoading shape="list" />;
}
