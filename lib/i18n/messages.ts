import type { TLocale } from "@/lib/locale";
import type en from "@/messages/en";
import type staff from "@/messages/staff/en";

/** The patient messages of a locale and, merged in, the staff console's (English whatever the locale). */
export type TMessages = typeof en & typeof staff;

const patientMessages = async (locale: TLocale): Promise<typeof en> => {
  switch (locale) {
    case "en":
      return (await import("@/messages/en")).default;
    case "es":
      return (await import("@/messages/es")).default;
  }
};

/**
 * One locale's messages (messages/<locale>/), each its own chunk, loaded when asked for, with the
 * staff console's English ones (messages/staff/en/) merged in: the console stays English (issue 15).
 */
export const loadMessages = async (locale: TLocale): Promise<TMessages> => {
  const [patient, staff] = await Promise.all([
    patientMessages(locale),
    import("@/messages/staff/en").then((m) => m.default),
  ]);
  return { ...patient, ...staff };
};
