/**
 * The data converter every Temporal client and worker of Homeward uses: payloads encrypted by the
 * codec, and failure messages and stack traces encoded into (so encrypted) payloads too.
 */
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import type { KeyRing } from './key-ring.js';
import { EncryptionCodec } from './payload-codec.js';

/** Also given to `bundleWorkflowCode` when bundling ahead of time: the workflow sandbox needs it. */
export const FAILURE_CONVERTER_PATH = fileURLToPath(new URL('./failure-converter.cjs', import.meta.url));

export function homewardDataConverter(payloadKeys: KeyRing): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(payloadKeys)], failureConverterPath: FAILURE_CONVERTER_PATH };
}
