import { describe, expect, it } from 'vitest';
import { CLOUD_INIT_SCRIPT, withProviderTabs } from '../../src/components/provider-tabs.ts';

/** What <Provider name> renders (src/components/Provider.astro), before the cloud tab numbers it. */
const panel = (name: string) =>
  `<section class="provider-panel" role="tabpanel" id="cloud-panel-${name}" aria-labelledby="cloud-tab-${name}" data-provider-panel="${name}" tabindex="0"><h5 class="provider-title">${name}</h5><p>${name} steps</p></section>`;

describe('provider sub-tabs of a cloud tab', () => {
  it('puts a hidden tab list before the first provider, numbers the ids and calls the script last', () => {
    const html = withProviderTabs(`<p>For every provider.</p>${panel('aws')}${panel('gcp')}<details>rescue</details>`, 3);
    expect(html.startsWith('<p>For every provider.</p><div role="tablist" aria-label="Cloud provider" class="cloud-tabs" data-cloud-tabs hidden>')).toBe(true);
    expect(html).toContain('<button type="button" role="tab" id="cloud-tab-3-aws" aria-controls="cloud-panel-3-aws" aria-selected="true" tabindex="0" data-cloud="aws">AWS</button>');
    expect(html).toContain('id="cloud-tab-3-gcp" aria-controls="cloud-panel-3-gcp" aria-selected="false" tabindex="-1" data-cloud="gcp">Google Cloud</button>');
    expect(html).toContain('id="cloud-panel-3-gcp" aria-labelledby="cloud-tab-3-gcp"');
    expect(html).not.toMatch(/id="cloud-panel-[a-z]/);
    expect(html.endsWith(`<details>rescue</details>${CLOUD_INIT_SCRIPT}`)).toBe(true);
  });

  it('leaves a cloud tab without providers as it is', () => {
    const html = '<p>Run the Ubuntu check through the provider.</p><details>rescue</details>';
    expect(withProviderTabs(html, 1)).toBe(html);
  });
});
