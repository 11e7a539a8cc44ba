import { read, type TApiRouteTable } from "../api-route";
import { getBatch, listBatches, listBatchItems } from "../settlement-batches";

/** The settlement batches: the list, one batch with its first transactions, and the next pages of them. */
export const settlementBatchRoutes: TApiRouteTable = [
  {
    method: "GET",
    path: "/v1/settlement-batches",
    handler: read((db, r) => listBatches(db, r.query)),
  },
  {
    method: "GET",
    path: "/v1/settlement-batches/:id",
    handler: read((db, r) => getBatch(db, r.params.id ?? "")),
  },
  {
    method: "GET",
    path: "/v1/settlement-batches/:id/transactions",
    handler: read((db, r) => listBatchItems(db, r.params.id ?? "", r.query)),
  },
];
