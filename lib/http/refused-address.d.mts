export declare const CONTROL_CHARACTER: RegExp;
export declare const REFUSED_ADDRESS_MESSAGE: string;
/** Whether a request's target (path and query, as the request line has it) is no address of ours. */
export declare const isRefusedAddress: (target: string) => boolean;
