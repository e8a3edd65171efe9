/** The start banner says where the API, its docs and the OpenAPI JSON are. */
import { describe, expect, it } from 'vitest';
import { startBanner } from '../../api/banner.js';
import { API_INDEX } from '../../api/routes/api-index.js';

describe('start banner', () => {
  it('names the API index, the docs and the OpenAPI JSON', () => {
    const banner = startBanner('http://127.0.0.1:3000', 'http://127.0.0.1:8233');
    expect(banner).toContain('http://127.0.0.1:3000/v1');
    expect(banner).toContain('http://127.0.0.1:3000/docs\n');
    expect(banner).toContain(`http://127.0.0.1:3000${API_INDEX.links.openapi.href}`);
  });
});
