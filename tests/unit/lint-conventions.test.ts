import { describe, expect, it } from 'vitest';
import { lintArticle } from '../../src/catalog/lint.ts';
import { conventionProblems } from '../../src/catalog/lint-conventions.ts';
import { parseArticle } from '../../src/catalog/load.ts';

const FENCE = '```';
const sh = (code: string) => `${FENCE}sh\n${code}\n${FENCE}`;
const cause = (tabs: string, attrs = '') => `<Cause id="the-cause" title="The cause"${attrs}>\n\nWhy.\n\n${sh('systemctl status ssh')}\n\n<OsTabs>\n${tabs}\n</OsTabs>\n\n</Cause>\n`;
const tab = (os: string, body: string) => `<Tab os="${os}">\n\n${body}\n\n</Tab>`;
const provider = (name: string, body = sh('aws ec2 describe-instances')) => `<Provider name="${name}">\n\n${body}\n\n</Provider>`;

const rules = (body: string) => conventionProblems({ body }).map((p) => `${p.rule}: ${p.message}`);

describe('cloud tabs name providers concretely', () => {
  it('accepts two providers, or the shared rescue block', () => {
    expect(rules(cause(tab('cloud', `${provider('aws')}\n${provider('gcp')}`)))).toEqual([]);
    expect(rules(cause(tab('cloud', 'Run the Ubuntu check through the provider.\n\n<CloudRescue />')))).toEqual([]);
    expect(rules(cause(tab('cloud', `${provider('azure')}\n\n<CloudRescue provider="azure" />`)))).toEqual([]);
  });

  it('reports a filler tab, one provider, unknown or repeated providers, and providers outside a cloud tab', () => {
    expect(rules(cause(tab('cloud', 'Same as on the server\'s distribution.')))).toEqual([
      'cloud-providers: cause "the-cause", cloud tab: name at least two providers concretely (<Provider name="aws|gcp|azure|vps">) or add <CloudRescue />',
    ]);
    expect(rules(cause(tab('cloud', provider('aws'))))).toHaveLength(1);
    expect(rules(cause(tab('cloud', `${provider('aws')}\n${provider('ibm')}`)))[0]).toMatch(/<Provider name="ibm"> is not one of aws, gcp, azure, vps/);
    expect(rules(cause(tab('cloud', `${provider('aws')}\n${provider('aws')}`)))[0]).toMatch(/provider "aws" appears twice/);
    expect(rules(cause(tab('ubuntu', `${provider('aws')}\n${provider('gcp')}`)))).toEqual([
      'cloud-providers: cause "the-cause", ubuntu tab: <Provider> belongs only in a cloud tab',
    ]);
  });
});

describe('drop-ins follow the naming rule and are verified', () => {
  const dropIn = (name: string, after: string) =>
    cause(tab('ubuntu', sh(`echo 'ClientAliveInterval 60' | sudo tee /etc/ssh/sshd_config.d/${name}\n${after}`)));

  it('accepts 10-sshfix-<topic>.conf followed by sshd -t and sshd -T | grep', () => {
    expect(rules(dropIn('10-sshfix-keepalive.conf', 'sudo sshd -t && sudo systemctl reload ssh\nsudo sshd -T | grep -i clientalive'))).toEqual([]);
  });

  it('lets an article name the files the system ships, to inspect them', () => {
    expect(rules(cause(tab('ubuntu', sh('cat /etc/ssh/sshd_config.d/50-cloud-init.conf /etc/ssh/sshd_config.d/50-redhat.conf\nls /etc/ssh/sshd_config.d/*.conf'))))).toEqual([]);
  });

  it('reports other names and missing checks', () => {
    expect(rules(dropIn('60-legacy-kex.conf', 'sudo sshd -t\nsudo sshd -T | grep -i kex'))[0]).toMatch(
      /^drop-in-name: cause "the-cause", ubuntu tab: sshd_config.d\/60-legacy-kex.conf should be \/etc\/ssh\/sshd_config.d\/10-sshfix-<topic>.conf/,
    );
    expect(rules(dropIn('10-sshfix-Keepalive.conf', 'sudo sshd -t\nsudo sshd -T | grep -i clientalive'))).toHaveLength(1);
    expect(rules(dropIn('10-sshfix-keepalive.conf', 'sudo systemctl reload ssh'))).toEqual([
      'drop-in-check: cause "the-cause", ubuntu tab: the drop-in is not followed by `sudo sshd -t`',
      'drop-in-check: cause "the-cause", ubuntu tab: the drop-in is not followed by a `sudo sshd -T | grep -i <keyword>` check',
    ]);
    // The check must come after the drop-in, in the same tab.
    const before = cause(`${tab('ubuntu', sh('sudo sshd -T | grep -i clientalive\nsudo sshd -t'))}\n${tab('rhel', sh('echo x | sudo tee /etc/ssh/sshd_config.d/10-sshfix-x.conf'))}`);
    expect(rules(before)).toHaveLength(2);
  });
});

describe('lockout-prone steps carry the guard in the same tab', () => {
  const guarded = (body: string) => `<LockoutGuard />\n\n${body}`;

  it('reports firewall narrowing and sshd access settings without the guard', () => {
    for (const step of [
      sh('sudo ufw limit OpenSSH'),
      sh('sudo ufw delete allow 22/tcp'),
      sh('sudo firewall-cmd --permanent --remove-service=ssh'),
      sh('aws ec2 revoke-security-group-ingress --group-id sg-1 --protocol tcp --port 22 --cidr 0.0.0.0/0'),
      sh('gcloud compute firewall-rules update default-allow-ssh --source-ranges=198.51.100.0/24'),
      sh('az network nsg rule update -g RG --nsg-name NSG -n ssh --source-address-prefixes 198.51.100.7'),
      `Set \`PasswordAuthentication no\` in sshd_config, then \`sudo sshd -t\`.`,
      sh("echo 'AllowUsers alice' | sudo tee /etc/ssh/sshd_config.d/10-sshfix-allow.conf\nsudo sshd -t\nsudo sshd -T | grep -i allowusers"),
      sh('# /etc/ssh/sshd_config\nPort 2222\nListenAddress 10.0.0.5'),
    ]) {
      const found = rules(cause(tab('ubuntu', step))).filter((r) => r.startsWith('lockout-guard'));
      expect(found, step).toHaveLength(1);
      expect(found[0]).toMatch(/^lockout-guard: cause "the-cause", ubuntu tab: ".+" can lock the reader out: add <LockoutGuard \/> in the same tab$/);
      expect(rules(cause(tab('ubuntu', guarded(step)))).filter((r) => r.startsWith('lockout-guard')), step).toEqual([]);
    }
  });

  it('leaves client settings, checks and prose alone', () => {
    expect(rules(cause(tab('macos', `${FENCE}text\nHost gitlab.com\n    AddressFamily inet\n    Port 2222\n    PasswordAuthentication no\n${FENCE}`)))).toEqual([]);
    expect(rules(cause(tab('ubuntu', sh('sudo sshd -T | grep -iE "allowusers|passwordauthentication"\nsudo ufw status verbose'))))).toEqual([]);
    expect(rules(cause(tab('ubuntu', 'An `AllowUsers` line in sshd_config restricts who may log in.')))).toEqual([]);
  });

  it('a cause intro that names a setting in prose is not a step; its code blocks are', () => {
    const intro = (text: string) => `<Cause id="the-cause" title="The cause">\n\n${text}\n\n${sh('sudo sshd -T | grep -i listenaddress')}\n\n</Cause>\n`;
    expect(rules(intro('Two `Port 22` lines, or `ListenAddress 0.0.0.0` plus an address, in sshd_config.'))).toEqual([]);
    expect(rules(intro(sh('sudo ufw limit OpenSSH')))).toEqual([
      'lockout-guard: cause "the-cause", outside its tabs: "sudo ufw limit OpenSSH" can lock the reader out: add <LockoutGuard /> in the same tab',
    ]);
  });

  it('a guard in another tab does not count', () => {
    const body = cause(`${tab('ubuntu', guarded(sh('sudo ufw limit OpenSSH')))}\n${tab('rhel', sh('sudo firewall-cmd --permanent --remove-service=ssh'))}`);
    expect(rules(body)).toEqual([
      'lockout-guard: cause "the-cause", rhel tab: "sudo firewall-cmd --permanent --remove-service=ssh" can lock the reader out: add <LockoutGuard /> in the same tab',
    ]);
  });
});

describe('version labels are well-formed', () => {
  it('accepts good values, also with a > inside the quoted value', () => {
    expect(rules(cause(tab('ubuntu', 'Fix <Since v="openssh>=9.5" />.'), ' versions="openssh>=8.8; rhel=9"'))).toEqual([]);
  });

  it('reports the cause id and the value; a bad value fails the build lint too', () => {
    const body = cause(tab('ubuntu', 'Fix <Since v="openssh 9.5" />.'), ' versions="openssl>=3"');
    expect(rules(body)).toEqual([
      'versions: cause "the-cause": versions="openssl>=3" "openssl" is not one of openssh, ubuntu, debian, rhel, fedora, windows-openssh, macos, putty',
      'versions: cause "the-cause": <Since v="openssh 9.5"> "openssh 9.5" is not "product op version", optionally after "client:" or "server:" (e.g. openssh>=8.8, rhel=9, openssh=8.5-9.8, server:openssh>=8.8)',
    ]);
    const frontmatter = JSON.stringify({
      title: 'Example error',
      summary: 'A summary long enough to be a meta description for the page.',
      stage: 'connect',
      side: 'client',
      messages: [{ text: 'ssh: connect to host {host} port {port}: Example', from: 'OpenSSH client' }],
    });
    const article = parseArticle(`---\n${frontmatter}\n---\n## What it means\n\nText.\n\n## Causes\n\n${body}\n## Verify the fix\n\n${sh('ssh -v host')}\n`, 'content/errors/example-error.mdx');
    expect(lintArticle(article).map((p) => `${p.file}: [${p.rule}]`)).toEqual([
      'content/errors/example-error.mdx: [versions]',
      'content/errors/example-error.mdx: [versions]',
    ]);
  });
});
