/** The workshop server's settings, from environment variables (docs/workshop.md lists them). */

export interface RateLimit {
  /** Requests allowed at once. */
  readonly burst: number;
  /** Requests per second after that. */
  readonly perSecond: number;
}

export interface ServerConfig {
  /** The SQLite file; its folder is created when missing. */
  readonly database: string;
  /** `normal` survives a crash of the process; `full` also a power cut, at a cost per write. */
  readonly synchronous: 'normal' | 'full';
  /** Workshops are deleted this long after they ended (or were planned to end, or were created). */
  readonly retentionMs: number;
  /** When set, creating a workshop needs this key (an organiser's password). */
  readonly createKey: string | null;
  /** The site's address as participants reach it (e.g. https://course.example.org), for the QR code. */
  readonly publicUrl: string | null;
  /** Behind a reverse proxy: take the client's address from the last X-Forwarded-For entry. */
  readonly trustProxy: boolean;
  readonly maxParticipants: number;
  /** Open event streams in the process, instructors' included. */
  readonly maxStreams: number;
  /** Of maxStreams, how many only instructors may use: participants cannot crowd them out. */
  readonly instructorStreams: number;
  /** Participants' streams per workshop, so one join code cannot take every stream. */
  readonly maxWorkshopStreams: number;
  /** Streams per participant (tabs): a token cannot open hundreds. */
  readonly maxParticipantStreams: number;
  /** Participants' streams per client address. */
  readonly maxAddressStreams: number;
  readonly rate: {
    /** Every API request from one address (a classroom behind NAT is one address). */
    readonly ip: RateLimit;
    /** Joins from one address. */
    readonly join: RateLimit;
    /** Joins to one workshop, from every address. */
    readonly workshopJoin: RateLimit;
    /** Workshops created from one address. */
    readonly create: RateLimit;
    /** Unknown join codes tried from one address: probing for codes. */
    readonly probe: RateLimit;
    /** Every request of one participant. */
    readonly participant: RateLimit;
  };
}

type Env = Readonly<Record<string, string | undefined>>;

function number(env: Env, name: string, fallback: number, min: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min)
    throw new Error(`${name}=${text}: expected a number of at least ${min}.`);
  return value;
}

/** `burst/perSecond`, e.g. `600/300`. */
function rate(env: Env, name: string, fallback: RateLimit): RateLimit {
  const text = env[name];
  if (!text) return fallback;
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(text);
  if (!match) throw new Error(`${name}=${text}: expected burst/per-second, e.g. 600/300.`);
  return { burst: Number(match[1]), perSecond: Number(match[2]) };
}

export function readConfig(env: Env = process.env): ServerConfig {
  const synchronous = (env.WORKSHOP_DB_SYNC ?? 'normal').toLowerCase();
  if (synchronous !== 'normal' && synchronous !== 'full')
    throw new Error(`WORKSHOP_DB_SYNC=${env.WORKSHOP_DB_SYNC}: expected normal or full.`);
  return {
    database: env.WORKSHOP_DB || './data/workshops.sqlite',
    synchronous,
    retentionMs: number(env, 'WORKSHOP_RETENTION_DAYS', 30, 0) * 24 * 60 * 60 * 1000,
    createKey: env.WORKSHOP_CREATE_KEY || null,
    publicUrl: publicUrl(env.WORKSHOP_PUBLIC_URL),
    trustProxy: env.WORKSHOP_TRUST_PROXY === '1' || env.WORKSHOP_TRUST_PROXY === 'true',
    maxParticipants: number(env, 'WORKSHOP_MAX_PARTICIPANTS', 500, 1),
    maxStreams: number(env, 'WORKSHOP_MAX_STREAMS', 2000, 1),
    instructorStreams: number(env, 'WORKSHOP_INSTRUCTOR_STREAMS', 100, 0),
    maxWorkshopStreams: number(env, 'WORKSHOP_MAX_WORKSHOP_STREAMS', 1000, 1),
    maxParticipantStreams: number(env, 'WORKSHOP_MAX_PARTICIPANT_STREAMS', 6, 1),
    maxAddressStreams: number(env, 'WORKSHOP_MAX_ADDRESS_STREAMS', 1000, 1),
    rate: {
      ip: rate(env, 'WORKSHOP_RATE_IP', { burst: 1200, perSecond: 400 }),
      join: rate(env, 'WORKSHOP_RATE_JOIN', { burst: 300, perSecond: 5 }),
      workshopJoin: rate(env, 'WORKSHOP_RATE_WORKSHOP_JOIN', { burst: 600, perSecond: 10 }),
      create: rate(env, 'WORKSHOP_RATE_CREATE', { burst: 20, perSecond: 20 / 3600 }),
      participant: rate(env, 'WORKSHOP_RATE_PARTICIPANT', { burst: 20, perSecond: 2 }),
      probe: rate(env, 'WORKSHOP_RATE_PROBE', { burst: 30, perSecond: 0.5 }),
    },
  };
}

function publicUrl(text: string | undefined): string | null {
  if (!text) return null;
  const url = URL.parse(text);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw new Error(
      `WORKSHOP_PUBLIC_URL=${text}: expected an http(s) address, e.g. https://course.example.org.`,
    );
  return url.origin;
}
