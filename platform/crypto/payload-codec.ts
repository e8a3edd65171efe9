/**
 * The Temporal payload codec: every payload (workflow and activity inputs and results, update
 * arguments, failure details and, with the failure converter, failure messages) leaves the process
 * encrypted with the active payload key; the key id travels in the payload metadata so payloads
 * sealed before a rotation still decrypt. This is a transport and storage protection for Temporal
 * only: it is separate from the per-person keys, and histories carry no personal data anyway.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
// A CommonJS package whose named exports Node's ESM loader cannot detect: import the whole module.
import proto from '@temporalio/proto';
import { open, seal } from './aead.js';
import { activeKey, keyById, type KeyRing } from './key-ring.js';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const ProtoPayload = proto.temporal.api.common.v1.Payload;
const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);
// Binding the key id means a payload relabelled with another key id fails, not decrypts oddly.
const associatedData = (keyId: string) => `homeward/temporal-payload/v1:${keyId}`;

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly ring: KeyRing) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = activeKey(this.ring);
    return payloads.map((payload) => ({
      metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(id) },
      data: seal(key, ProtoPayload.encode(payload).finish(), associatedData(id)),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      // Payloads written before the codec existed (recorded histories) pass through unchanged.
      if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
      const keyId = text(payload.metadata?.[KEY_ID_METADATA]) ?? '';
      const plain = open(keyById(this.ring, keyId), payload.data ?? new Uint8Array(), associatedData(keyId));
      return ProtoPayload.decode(plain) as Payload;
    });
  }
}

export function isEncrypted(payload: Payload): boolean {
  return text(payload.metadata?.encoding) === ENCRYPTED_ENCODING;
}
