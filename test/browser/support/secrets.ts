/** The browser test server's JWT secret: tests mint tokens with it to call the API directly. */
export const BROWSER_JWT_SECRET = 'browser-test-secret-for-homeward-console';
