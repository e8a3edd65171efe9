/** The browser test server's vault: the server seals with it, and so do tests that make accounts with a second factor. */
import { parseKeyRing } from '../../../platform/crypto/key-ring.js';
import type { Db } from '../../../store/db.js';
import { createPersonVault } from '../../../store/persons.js';
import { BROWSER_MASTER_KEYS } from './secrets.js';

export const browserVault = (db: Db) => createPersonVault(db, parseKeyRing('MASTER_KEYS', BROWSER_MASTER_KEYS));
