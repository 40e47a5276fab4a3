/** "Wrong answer?" links (src/sharing/report-link.ts): what a maintainer receives, and a link that always fits. */
import { describe, expect, it } from 'vitest';
import { redact } from '../../src/redact/index.ts';
import { excerptAround, MAX_REPORT_URL_CHARS, reportLink } from '../../src/sharing/report-link.ts';

const base = { reportUrl: 'https://github.com/acme/sshfix/issues/new?labels=routing', routerVersion: '0.1.0+0123abcd' };

describe('reportLink', () => {
  it('carries the ids, the version and the redacted paste as title and body, keeping the address’s own parameters', () => {
    const paste = redact('ssh: connect to host db1.acme.io port 22: Connection refused\n').text;
    const url = new URL(reportLink({ ...base, problem: 'route', id: 'connection-refused', runnerUp: 'connection-timed-out', paste: { text: paste, line: 1 } }));
    expect(url.origin + url.pathname).toBe('https://github.com/acme/sshfix/issues/new');
    expect(url.searchParams.get('labels')).toBe('routing');
    expect(url.searchParams.get('title')).toBe('Wrong answer: routed to connection-refused');
    const body = url.searchParams.get('body')!;
    expect(body).toContain('Routed to: `connection-refused`\nRunner-up: `connection-timed-out`\nRouter version: `0.1.0+0123abcd`');
    expect(body).toContain('```\nssh: connect to host HOST1 port 22: Connection refused\n```');
    expect(body).not.toContain('acme.io');
  });

  it('a fix report names the article and has no runner-up', () => {
    const body = new URL(reportLink({ ...base, problem: 'fix', id: 'connection-refused', pageUrl: 'https://help.example.com/errors/connection-refused/' })).searchParams.get('body')!;
    expect(body).toContain('Article: `connection-refused`');
    expect(body).toContain('Page: https://help.example.com/errors/connection-refused/');
    expect(body).not.toContain('Runner-up');
  });

  it('stays under the URL limit for any paste: a 10 MB log, one 1 MB line, all multi-byte characters', () => {
    const log = Array.from({ length: 200_000 }, (_, i) => `debug3: line ${i} ${'x'.repeat(40)}`).join('\n');
    const inputs = [
      { text: log, line: 100_000 },
      { text: 'é'.repeat(1_000_000), line: 1 },
      { text: '😀 Permission denied\n'.repeat(50_000), line: 25_000 },
    ];
    for (const paste of inputs) {
      const href = reportLink({ ...base, problem: 'route', id: 'x', runnerUp: null, paste });
      expect(href.length).toBeLessThanOrEqual(MAX_REPORT_URL_CHARS);
      expect(new URL(href).searchParams.get('body')).toMatch(/cut to fit a link|…/);
    }
    const body = new URL(reportLink({ ...base, problem: 'route', id: 'x', paste: { text: log, line: 100_000 } })).searchParams.get('body')!;
    expect(body).toContain('debug3: line 99999 ');
    expect(body).toMatch(/lines \d+-\d+ of 200000, cut to fit a link/);
  });

  it('a paste cannot close the Markdown code fence around it', () => {
    const body = new URL(reportLink({ ...base, problem: 'route', id: 'x', paste: { text: '```\n<script>x</script>\n````', line: 1 } })).searchParams.get('body')!;
    expect(body).toContain('`````\n```\n<script>x</script>\n````\n`````');
  });
});

describe('excerptAround', () => {
  it('grows around the deciding line, one line before and one after in turn', () => {
    const text = ['a', 'b', 'c', 'd', 'e', 'f'].join('\n');
    expect(excerptAround(text, 4, 3, () => 1)).toEqual({ text: 'c\nd\ne', from: 3, to: 5, of: 6 });
    expect(excerptAround(text, 1, 2, () => 1)).toEqual({ text: 'a\nb', from: 1, to: 2, of: 6 });
    expect(excerptAround(text, 6, 100, () => 1)).toEqual({ text, from: 1, to: 6, of: 6 });
  });
});
