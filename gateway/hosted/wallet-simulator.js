// The wallet simulator's script (served as /hosted/wallet-simulator.js, an ES module). On Pay it
// asks its own origin (POST /wallet-simulator/tokens) for a sandbox wallet token for the chosen
// test card (by id: no card number is in this page) and posts to the parent what the real wallet
// API would have given the page. Every message goes to the one parent origin named in the URL.
import { connectToParent } from "./parent-frame.js";
import { pickLang, say } from "./strings.js";

const form = document.getElementById("wallet");
const { kind, origin: parentOrigin, key } = form.dataset;
const lang = pickLang(form.dataset.lang);
const payButton = document.getElementById("pay");
const errorBox = document.getElementById("form-error");
const { post, ready } = connectToParent(parentOrigin);

const checked = (name) => {
  const input = form.querySelector(`input[name="${name}"]:checked`);
  return input ? input.value : undefined;
};

let busy = false;

const pay = async () => {
  if (busy) return;
  busy = true;
  errorBox.textContent = "";
  form.setAttribute("aria-busy", "true");
  payButton.disabled = true;
  try {
    const body = { key, origin: parentOrigin, kind, card: checked("card") };
    if (kind === "google_pay") body.auth_method = checked("auth_method");
    const response = await fetch("/wallet-simulator/tokens", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
    });
    const data = await response.json().catch(() => null);
    if (response.ok && data && data.payload) {
      post({ type: "gateway:wallet:authorized", kind, payload: data.payload });
      return;
    }
    throw new Error("mint failed");
  } catch {
    const message = say(lang, "The payment could not be authorised just now. Please try again.");
    errorBox.textContent = message;
    post({ type: "gateway:wallet:error", message });
  } finally {
    busy = false;
    form.removeAttribute("aria-busy");
    payButton.disabled = false;
  }
};

const cancel = () => post({ type: "gateway:wallet:cancelled" });

form.addEventListener("submit", (event) => {
  event.preventDefault();
  void pay();
});
document.getElementById("cancel").addEventListener("click", cancel);
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") cancel();
});

ready({ type: "gateway:ready", kind });
