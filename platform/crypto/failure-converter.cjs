// Plain CommonJS on purpose: the Temporal worker require()s this file by path, and its workflow
// bundler packs it into the sandbox, neither of which can load TypeScript under every runner.
// Encoding the common attributes moves failure messages and stack traces into a payload, which the
// payload codec then encrypts; clients decode them back transparently.
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
