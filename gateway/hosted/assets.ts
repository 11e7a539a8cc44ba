import { readFile } from "node:fs/promises";

/**
 * The hosted pages' scripts and styles, read once on start and served from memory by their URL
 * path (`/hosted/<file>`). The wallet simulator's are served only when the simulator is on.
 */

export type THostedAssets = Record<string, { type: string; body: string }>;

const JS = "text/javascript; charset=utf-8";
const CSS = "text/css; charset=utf-8";

const read = async (file: string, type: string): Promise<[string, { type: string; body: string }]> => [
  `/hosted/${file}`,
  { type, body: await readFile(new URL(`./${file}`, import.meta.url), "utf8") },
];

export const loadHostedAssets = async ({ isWalletSimulatorOn }: { isWalletSimulatorOn: boolean }) =>
  Object.fromEntries(
    await Promise.all([
      read("hosted-fields.js", JS),
      read("rules.js", JS),
      read("strings.js", JS),
      read("parent-frame.js", JS),
      read("hosted-fields.css", CSS),
      ...(isWalletSimulatorOn ? [read("wallet-simulator.js", JS), read("wallet-simulator.css", CSS)] : []),
    ]),
  ) as THostedAssets;
