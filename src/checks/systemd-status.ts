/**
 * Units from `systemctl status UNIT…`: the header line, `Loaded:` and `Active:` of each unit,
 * and `Unit X could not be found.` Input: bounded lines from prepareInput.
 */

export interface UnitStatus {
  /** 1-based line of the unit's `Active:` line (or of its header / not-found line). */
  line: number;
  unit: string;
  /** `loaded`, `not-found`, `masked`, `error`, or '' when not shown. */
  loaded: string;
  /** `enabled`, `disabled`, `static`, `masked`, or '' when not shown. */
  enabled: string;
  /** `active`, `inactive`, `failed`, `activating`, `deactivating`, `reloading`. */
  active: string;
  /** `running`, `listening`, `dead`, `exited`, `failed`, `auto-restart`, `waiting`… */
  sub: string;
}

// The unit's state glyph: ● active, ○ inactive, × failed, ↻ reloading; outside a UTF-8 locale `*`
// for the circles and `x` for failed.
const HEADER_RE = /^\s{0,8}(?:[●○×*↻x]\s{1,4})?([\w@.:\\-]{1,120}\.(?:service|socket|target|timer|mount|path))(?:\s{1,4}-\s|\s*$)/;
const NOT_FOUND_RE = /^Unit ([\w@.:\\-]{1,120}) could not be found\./;
const LOADED_RE = /^\s{0,16}Loaded:\s{1,8}([\w-]{1,32})(?:\s{1,4}\(([^)]{0,400})\))?/;
const ACTIVE_RE = /^\s{0,16}Active:\s{1,8}(active|inactive|failed|activating|deactivating|reloading|maintenance|refreshing)\b(?:\s{1,4}\(([^)]{0,200})\))?/;
const ENABLED_WORDS = new Set(['enabled', 'disabled', 'static', 'masked', 'indirect', 'generated', 'transient', 'alias', 'linked', 'enabled-runtime', 'linked-runtime']);

export function parseSystemdStatus(lines: readonly string[]): { recognised: boolean; units: UnitStatus[] } {
  const units: UnitStatus[] = [];
  let current: UnitStatus | null = null;
  lines.forEach((text, i) => {
    const notFound = NOT_FOUND_RE.exec(text);
    if (notFound) {
      units.push({ line: i + 1, unit: normaliseUnit(notFound[1]), loaded: 'not-found', enabled: '', active: 'inactive', sub: 'dead' });
      current = null;
      return;
    }
    const header = HEADER_RE.exec(text);
    if (header) {
      current = { line: i + 1, unit: header[1], loaded: '', enabled: '', active: '', sub: '' };
      units.push(current);
      return;
    }
    const loaded = LOADED_RE.exec(text);
    if (loaded) {
      current ??= pushAnonymous(units, i);
      current.loaded = loaded[1].toLowerCase();
      const state = (loaded[2] ?? '').split(';')[1]?.trim().toLowerCase() ?? '';
      if (ENABLED_WORDS.has(state)) current.enabled = state;
      return;
    }
    const active = ACTIVE_RE.exec(text);
    if (active) {
      current ??= pushAnonymous(units, i);
      current.line = i + 1;
      current.active = active[1].toLowerCase();
      const detail = (active[2] ?? '').toLowerCase();
      current.sub = current.active === 'failed' || detail.startsWith('result:') ? 'failed' : detail.trim();
      current = current.active ? null : current;
    }
  });
  return { recognised: units.some((u) => u.active !== ''), units: units.filter((u) => u.active !== '') };
}

/** `Loaded:`/`Active:` without a header line (the paste started below it): a unit with no name. */
function pushAnonymous(units: UnitStatus[], i: number): UnitStatus {
  const unit: UnitStatus = { line: i + 1, unit: '', loaded: '', enabled: '', active: '', sub: '' };
  units.push(unit);
  return unit;
}

/** `Unit sshd.service could not be found.` also appears as `Unit sshd could not be found.`. */
function normaliseUnit(name: string): string {
  return /\.\w+$/.test(name) ? name : `${name}.service`;
}
