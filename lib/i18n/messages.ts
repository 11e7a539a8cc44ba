import type { TLocale } from "@/lib/i18n/locale";
import type en from "@/messages/en";

export type TMessages = typeof en;

/** One locale's messages (messages/<locale>.json); each file is its own chunk, loaded when asked for. */
export const loadMessages = async (locale: TLocale): Promise<TMessages> => {
  switch (locale) {
    case "en":
      return (await import("@/messages/en")).default;
    case "es":
      return (await import("@/messages/es")).default;
  }
};
