/** How a typed or pasted text becomes a Pagefind query (src/search/query.ts). */
import { describe, expect, it } from 'vitest';
import { createMatcher, type Rule } from '../../src/matcher/index.ts';
import { searchQuery } from '../../src/search/query.ts';

const rules: Rule[] = [
  {
    id: 'not-writable',
    title: 'Failed to add the host to known_hosts',
    stage: 'hostkey',
    stageRank: 5,
    kind: 'warning',
    outranks: [],
    messages: ['Failed to add the host to the list of known hosts ({path}).', "Failed to add the host key for IP address '{host}' to the list of known hosts ({path})."],
  },
  { id: 'refused', title: 'Connection refused', stage: 'connect', stageRank: 1, kind: 'error', outranks: [], messages: ['ssh: connect to host {host} port {port}: Connection refused'] },
];
const matcher = createMatcher(rules);
const query = (text: string) => searchQuery(text, matcher.match(text), rules);

describe('search query', () => {
  it("is the matched message's own words: no host, port or path", () => {
    expect(query('ssh: connect to host db-7.corp.example port 2222: Connection refused')).toBe('ssh connect to host port connection refused');
  });
  it('takes the template the line fits best, not a longer twin with the same words', () => {
    expect(query('Failed to add the host to the list of known hosts (/home/a/.ssh/known_hosts).')).toBe('failed to add the host list of known hosts');
  });
  it('without a match, keeps the words and drops what names the machine', () => {
    expect(query('tunnel via bastion.example.com:2222 keeps failing for deploy@10.0.0.4 in /srv/app')).toBe('tunnel via keeps failing for in');
  });
});
