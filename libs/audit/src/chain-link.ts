// A file of its own, without Redis or the stores: `processing-log:verify` checks its --anchor flags before it loads
// them.

/** A point of the chain: record `seq` has MAC `mac`. Whatever is in the table must pass through it. */
export interface ChainLink {
  seq: number;
  mac: string;
}

/** `seq:mac`, as the API logs it and `processing-log:verify --anchor` takes it. */
export function formatLink({ seq, mac }: ChainLink): string {
  return `${seq}:${mac}`;
}

const LINK = /^(\d{1,15}):([0-9a-f]{64})$/;

/** `seq:mac`, or undefined when the text is not one. */
export function parseLink(text: string): ChainLink | undefined {
  const match = LINK.exec(text.trim());
  return match === null ? undefined : { seq: Number(match[1]), mac: match[2] };
}
