import type { MetadataRoute } from "next";
import { THEME_COLORS } from "@/components/ui/theme-colors";

/**
 * The web app manifest (/manifest.webmanifest, linked from every page by Next): lets a patient
 * add the portal to a phone's home screen, where it opens on its own, without the browser's bar.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Pay your bill · Riverside Family Medicine",
    short_name: "Pay your bill",
    description: "Pay your medical bill online, securely.",
    start_url: "/",
    display: "standalone",
    theme_color: THEME_COLORS.theme,
    background_color: THEME_COLORS.background,
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
