/**
 * The article frontmatter schema. Every article in content/errors/ is validated against it,
 * by Astro's content collection at build time and by the Node loader used by the CLI, the
 * content lint and the tests, so the two can never disagree about what an article is.
 */
import { z } from 'zod';
import { OS_KEYS } from './os.ts';

/** Where in the life of a connection a message appears, in the order a connection goes through them. */
export const STAGES = [
  'client-config',
  'connect',
  'banner',
  'kex',
  'transport',
  'hostkey',
  'auth',
  'agent',
  'session',
  'forwarding',
  'server-log',
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  'client-config': 'Client configuration',
  connect: 'Connecting (TCP)',
  banner: 'Banner exchange',
  kex: 'Key exchange',
  transport: 'Transport',
  hostkey: 'Host key check',
  auth: 'Authentication',
  agent: 'SSH agent',
  session: 'Session',
  forwarding: 'Port forwarding',
  'server-log': 'Server log (sshd)',
};

// The platforms live in os.ts (no zod) so the packaged library's types can name them.
export { OS_KEYS, OS_LABELS, type OsKey } from './os.ts';

/**
 * Placeholders a message template may contain. Each stands for one bounded run of text;
 * the matcher compiles them (src/matcher/compile.ts) and nothing else may appear in braces.
 */
export const PLACEHOLDERS = {
  host: 'a host name or address, no spaces',
  addr: 'an IPv4 or IPv6 address',
  port: 'a port number',
  user: 'a user name',
  path: 'a file path (may contain spaces when quoted)',
  n: 'a number',
  alg: 'one algorithm or key type name, e.g. ssh-ed25519',
  list: 'a comma-separated list of algorithm names (may be empty)',
  text: 'any text up to the end of the line',
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const articleId = z.string().regex(ID, 'must be a lowercase-hyphenated error id');

const PLACEHOLDER_RE = /\{([^{}]*)\}/g;
const messageText = z
  .string()
  .min(8, 'a message must have at least 8 characters')
  .refine((s) => !s.includes('\n'), 'a message is one line')
  .superRefine((s, ctx) => {
    for (const [, name] of s.matchAll(PLACEHOLDER_RE)) {
      if (!(name in PLACEHOLDERS)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `unknown placeholder {${name}}; use one of ${Object.keys(PLACEHOLDERS)
            .map((p) => `{${p}}`)
            .join(' ')}`,
        });
      }
    }
    if (s.replace(PLACEHOLDER_RE, '').trim().length < 6) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'a message needs at least 6 literal characters besides placeholders' });
    }
  });

export const messageSchema = z
  .object({
    /** The message as the program prints it, with placeholders for what varies. */
    text: messageText,
    /** Which program (and version range) prints this wording, e.g. "OpenSSH client", "PuTTY", "OpenSSH < 7.8". */
    from: z.string().min(2),
    /**
     * Programs that have nothing to do with SSH print this wording too (a Go or Node.js socket
     * error, a bare `Connection closed.`): it decides only in a paste that shows it is about SSH.
     */
    shared: z.boolean().optional(),
    /**
     * A catch-all shape (`ssh: connect to host {host} port {port}: {text}` for a connect failure
     * with an unusual errno) or a clue that is not a failure itself (`debug1: Next authentication
     * method: password`, when keys did not work): routes here as a low-confidence guess only when
     * no other message matched. Not listed on the page as a message.
     */
    guess: z.boolean().optional(),
    /**
     * The `debugN:` line a verbose log stops at when the connection hangs there
     * (`debug1: expecting SSH2_MSG_KEX_ECDH_REPLY` and nothing after it): a guess, as above, only
     * where it is the paste's last debug line. The same line in a log that goes on is routine. A
     * tool's own progress line (Vagrant's `SSH auth method: private key`) counts anywhere: the
     * tool prints that it connected (`Machine booted and ready!`) when it did, a recovery.
     */
    stall: z.boolean().optional(),
    /**
     * A prompt, not a failure (`{user}@{host}'s password:`), and the articles whose failure it
     * explains: it never answers alone, but one of those failures after it, in the same try, is
     * this article's (a password was typed and refused, whatever method list the refusal prints).
     */
    prompt: z.array(articleId).min(1).optional(),
    /**
     * A prompt that explains those failures only when it was asked again for the same thing
     * before them (`Enter passphrase for key '…':` twice: ssh asks again only after a wrong
     * answer; asked once, the passphrase may have been right and the key refused). Asked again with
     * no failure after it, it is no clue at all: a tool that runs ssh several times asks each time.
     */
    again: z.boolean().optional(),
  })
  .strict()
  .refine((m) => !m.again || m.prompt, '`again` belongs to a `prompt`');

/**
 * A reader's own words for the failure (`ssh times out`, `password is not accepted`): two to six
 * plain lower-case words, no punctuation but an apostrophe, so nobody writes a pattern into one.
 */
const symptom = z
  .string()
  .regex(/^[a-z0-9']+(?: [a-z0-9']+){1,5}$/, 'a symptom is 2–6 lower-case words separated by single spaces (letters, digits, apostrophes)');

export const relatedSchema = z
  .object({
    id: articleId,
    /** What tells the related error apart from this one, in one sentence. */
    clue: z.string().min(10),
  })
  .strict();

export const articleSchema = z
  .object({
    title: z.string().min(3).max(120),
    /** One sentence: the meta description and the link-preview text. */
    summary: z.string().min(30).max(220),
    stage: z.enum(STAGES),
    /** Where the fix runs. */
    side: z.enum(['client', 'server', 'both']),
    /**
     * `error` stops the connection; `warning` and `info` are printed on the way (a prompt, a notice);
     * `wrapper` is a tool's summary of a failed SSH connection that hides ssh's own message
     * (Ansible's UNREACHABLE, git's `Could not read from remote repository`): the answer only when
     * nothing more specific is in the paste.
     */
    kind: z.enum(['error', 'wrapper', 'warning', 'info']).default('error'),
    /** Every real wording of this message; the first is the primary one, used as the page's headline message. */
    messages: z
      .array(messageSchema)
      .min(1)
      .refine((ms) => !ms[0]?.shared, 'the first (primary) message must be one only SSH prints, not `shared`')
      .refine((ms) => !ms[0]?.guess && !ms[0]?.stall, 'the first (primary) message must be a real wording, not a `guess` shape or a `stall` line')
      .refine((ms) => !ms[0]?.prompt, 'the first (primary) message must be a failure, not a `prompt`'),
    /**
     * How readers describe this failure when they paste no message, in their own words: the paste
     * box guesses this article, at low confidence, from a typed sentence about SSH with these words
     * in order (a few others may come between). Only phrases that mean this failure and no other.
     */
    symptoms: z.array(symptom).default([]),
    /** Ids whose messages this article's message beats when both appear in one paste (a specific cause beats the generic last line). */
    outranks: z.array(articleId).default([]),
    /**
     * Names of the feature this article is about, as a paste names it (`OS Login`,
     * `enable-oslogin`): a paste whose answer is a failure this article outranks, and that names
     * one of these anywhere, is answered here (`Permission denied (publickey)` in a post about OS Login).
     */
    mentions: z.array(z.string().regex(/^\S(?:.{0,58}\S)?$/, 'a mention is 1–60 characters with no space at either end')).default([]),
    related: z.array(relatedSchema).default([]),
    /** Former ids of this article; each old URL redirects here. */
    aliases: z.array(articleId).default([]),
    /** The platform tab shown when the reader has made no choice. */
    defaultOs: z.enum(OS_KEYS).default('ubuntu'),
  })
  .strict();

export type ArticleData = z.output<typeof articleSchema>;

/**
 * The failures an article covers, as its page and /errors.json list them: a `guess` is a catch-all
 * shape and a `prompt` is not a failure, both there for routing only.
 */
export const listedMessages = (messages: ArticleData['messages']) => messages.filter((m) => !m.guess && !m.stall && !m.prompt);
export type ArticleInput = z.input<typeof articleSchema>;
export const isArticleId = (s: string) => ID.test(s);
