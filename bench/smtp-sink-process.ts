// A mail server for benchmarks, as a child process (bench/child-ipc.ts): real SMTP (smtp-server,
// no TLS, no auth) on 127.0.0.1 and a free port, as the mail relay the portal's SMTP_URL names
// in production. It reads every message to its end and keeps only counts (messages, bytes, and
// how many each recipient got), so that a run of 100,000 emails stays small. `counts` answers them.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { serveParent } from "./child-ipc";

export type TSmtpSinkInfo = { port: number };
export type TSmtpCounts = {
  messages: number;
  bytes: number;
  /** Distinct recipients, and how many got more than one message. */
  recipients: number;
  repeated: number;
  /** Subjects by their first three words (e.g. "Your payment receipt"), with counts. */
  subjects: Record<string, number>;
};

const perRecipient = new Map<string, number>();
const subjects = new Map<string, number>();
let messages = 0;
let bytes = 0;

const server = new SMTPServer({
  secure: false,
  authOptional: true,
  disabledCommands: ["AUTH", "STARTTLS"],
  logger: false,
  // Many short connections at once (a sender that opens one per message).
  maxClients: 1000,
  onData(stream, session, callback) {
    let head = "";
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (head.length < 4096) head += chunk.toString("utf8");
    });
    stream.on("end", () => {
      messages += 1;
      bytes += size;
      for (const r of session.envelope.rcptTo) {
        const to = r.address.toLowerCase();
        perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
      }
      const subject = /^Subject: (.*)$/im.exec(head)?.[1] ?? "";
      const kind = subject.split(" ").slice(0, 3).join(" ");
      subjects.set(kind, (subjects.get(kind) ?? 0) + 1);
      callback();
    });
  },
});
server.on("error", (error) => console.error("[smtp-sink]", error.message));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

serveParent({
  info: { port: (server.server.address() as AddressInfo).port } satisfies TSmtpSinkInfo,
  handlers: {
    counts: (): TSmtpCounts => ({
      messages,
      bytes,
      recipients: perRecipient.size,
      repeated: [...perRecipient.values()].filter((n) => n > 1).length,
      subjects: Object.fromEntries(subjects),
    }),
  },
  onStop: () => new Promise<null>((resolve) => server.close(() => resolve(null))),
});
