import { read, write, type TApiRouteTable } from "../api-route";
import {
  deletePaymentMethod,
  readPaymentMethod,
  storePaymentMethod,
  updatePaymentMethod,
  ZDeletePaymentMethod,
  ZStorePaymentMethod,
  ZUpdatePaymentMethod,
} from "../payment-methods";

/** The vault: store, read, update a card's expiry, delete. */
export const paymentMethodRoutes: TApiRouteTable = [
  {
    method: "POST",
    path: "/v1/payment_methods",
    handler: write(ZStorePaymentMethod, (ctx, _params, input) => storePaymentMethod(ctx, input)),
  },
  {
    method: "GET",
    path: "/v1/payment_methods/:id",
    handler: read((db, r) => readPaymentMethod(db, r.params.id ?? "")),
  },
  {
    method: "POST",
    path: "/v1/payment_methods/:id",
    handler: write(ZUpdatePaymentMethod, (ctx, params, input) =>
      updatePaymentMethod(ctx, params.id ?? "", input),
    ),
  },
  {
    method: "DELETE",
    path: "/v1/payment_methods/:id",
    handler: write(ZDeletePaymentMethod, (ctx, params) => deletePaymentMethod(ctx, params.id ?? "")),
  },
];
