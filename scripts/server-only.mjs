// `node --import ./scripts/server-only.mjs --import tsx <script>`: how the worker and the other
// scripts run the app's TypeScript outside Next. Our server modules `import "server-only"`,
// which throws unless resolved under the `react-server` export condition. That condition cannot
// be given to the whole process (`--conditions=react-server`): under it `react-dom/server`,
// which renders the emails' HTML (lib/email/render-html.tsx), throws, and `react` is the server
// build react-dom cannot render with. So only `server-only` is resolved under it (to its empty
// module), by the resolve hook in server-only-hooks.mjs; everything else resolves as in Node.
import { register } from "node:module";

register("./server-only-hooks.mjs", import.meta.url);
