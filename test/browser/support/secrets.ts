/** The browser test server's JWT secret: tests mint tokens with it to call the API directly. */
export const BROWSER_JWT_SECRET = 'browser-test-secret-for-homeward-console';
/** The browser test server's master key ring: tests that make accounts with a second factor seal its secret with it. */
export const BROWSER_MASTER_KEYS = 'browser-master-1:AeTueB5GsGdLudhiKBDit5qP+AI0uhFsxiFz29FaNEo=';
