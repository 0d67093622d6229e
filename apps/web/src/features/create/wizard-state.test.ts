import { describe, expect, it } from 'vitest';
import { suggestedHostFolder } from './wizard-state.js';

describe('suggestedHostFolder', () => {
  it('puts each app under the app-data root, in a folder named after the container', () => {
    expect(suggestedHostFolder('/srv/appdata', 'nextcloud', '/var/www/html')).toBe(
      '/srv/appdata/nextcloud/html',
    );
    expect(suggestedHostFolder('/data/apps/', 'web', '/data')).toBe('/data/apps/web/data');
  });

  it('has a folder name before the container has a name, and for a target of /', () => {
    expect(suggestedHostFolder('/srv/appdata', ' ', '/')).toBe('/srv/appdata/app/data');
  });
});
