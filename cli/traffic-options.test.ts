import { Command, type Option } from 'commander';
import { describe, expect, test } from 'vitest';
import { buildProgram } from './main';
import { addTrafficOptions, addTrafficParseOptions, toTimeWindow, toTrafficReadOptions } from './traffic-options';

/**
 * Every command that reads traffic files takes its traffic options from the one definition in ./traffic-options.ts:
 * read from commander's own option lists, so a command that forgets them, or declares a copy of its own, fails here.
 */
const shape = (o: Option) => ({ flags: o.flags, description: o.description, defaultValue: o.defaultValue as unknown, parseArg: o.parseArg });
const defined = (add: (cmd: Command) => Command) => add(new Command('reference')).options;

const PARSE = defined(addTrafficParseOptions);
const TRAFFIC = defined((c) => addTrafficOptions(c));
const TRAFFIC_AND_WINDOW = defined((c) => addTrafficOptions(c, { window: true }));
const TRAFFIC_LONGS = new Set(TRAFFIC.map((o) => o.long));

/** The commands that read traffic: `-t/--traffic`, or traffic files named otherwise (diff's two sides, import's arguments). */
const READS_TRAFFIC: Record<string, readonly Option[]> = {
  analyze: TRAFFIC_AND_WINDOW,
  draft: TRAFFIC_AND_WINDOW,
  check: TRAFFIC,
  'blast-radius': TRAFFIC,
  exposure: TRAFFIC,
  alerts: TRAFFIC,
  report: TRAFFIC,
  diff: PARSE,
  import: PARSE,
};

const commands = new Map(buildProgram().commands.map((c) => [c.name(), c]));

describe('traffic options of the commands', () => {
  test('the definition: -t/--traffic, --format, --destination, --envoy-format; --from/--to only on request', () => {
    expect(TRAFFIC.map((o) => o.flags)).toEqual(['-t, --traffic <path...>', '--format <format>', '--destination <ns/name[:port]>', '--envoy-format <format|@file>']);
    expect(PARSE.map((o) => o.long)).toEqual(['--format', '--destination', '--envoy-format']);
    expect(TRAFFIC_AND_WINDOW.map((o) => o.long).slice(TRAFFIC.length)).toEqual(['--from', '--to']);
  });

  test.each(Object.entries(READS_TRAFFIC).map(([name, expected]) => ({ name, expected })))('$name takes the shared traffic options, help texts included', ({ name, expected }) => {
    const cmd = commands.get(name);
    expect(cmd, `no command ${name}`).toBeDefined();
    const longs = new Set(expected.map((o) => o.long));
    const actual = cmd!.options.filter((o) => longs.has(o.long));
    expect(actual.map(shape)).toEqual(expected.map(shape));
  });

  test('a command that takes traffic files is in the list above (so the test covers it)', () => {
    const readers = [...commands.values()]
      .filter((c) => c.options.some((o) => TRAFFIC_LONGS.has(o.long) || o.long?.endsWith('-traffic')) || c.registeredArguments.some((a) => a.name() === 'files'))
      .map((c) => c.name());
    expect(readers.sort()).toEqual(Object.keys(READS_TRAFFIC).sort());
  });
});

describe('toTrafficReadOptions', () => {
  test.each([
    { flags: { format: 'pcap' }, message: '--format: expected one of hubble, ' },
    { flags: { destination: 'frontend' }, message: '--destination: expected ns/name or ns/name:port, got "frontend"' },
    { flags: { destination: 'boutique/frontend:http' }, message: '--destination: expected ns/name or ns/name:port' },
    { flags: { envoyFormat: 'no operators here' }, message: '--envoy-format: cannot use this format' },
    { flags: { envoyFormat: '@/nonexistent/mesh.yaml' }, message: '--envoy-format: cannot read /nonexistent/mesh.yaml (ENOENT)' },
  ])('$flags: a usage error naming the option', async ({ flags, message }) => {
    await expect(toTrafficReadOptions(flags)).rejects.toThrow(message);
  });

  test('valid options reach the reader as its options: the format typed, the Envoy format compiled', async () => {
    const read = await toTrafficReadOptions({ format: 'envoy-text', destination: 'boutique/frontend:8080', envoyFormat: '[%START_TIME%] %DOWNSTREAM_REMOTE_ADDRESS% %RESPONSE_CODE%' });
    expect(read).toMatchObject({ format: 'envoy-text', destination: 'boutique/frontend:8080' });
    expect(read.envoyFormat).toBeDefined();
    expect(await toTrafficReadOptions({})).toEqual({});
  });
});

describe('toTimeWindow', () => {
  test.each([
    { flags: {}, prefix: undefined, expected: {} },
    { flags: { from: '2026-03-12T10:40:00+01:00' }, prefix: undefined, expected: { from: '2026-03-12T09:40:00.000Z' } },
    { flags: { from: '2026-03-12T09:00:00Z', to: '2026-03-12T10:00:00Z' }, prefix: '--current-', expected: { from: '2026-03-12T09:00:00.000Z', to: '2026-03-12T10:00:00.000Z' } },
  ])('$flags → $expected', ({ flags, prefix, expected }) => {
    expect(toTimeWindow(flags, prefix)).toEqual(expected);
  });

  test.each([
    { flags: { from: 'yesterday' }, prefix: undefined, message: '--from: not a time: "yesterday"' },
    { flags: { to: 'soon' }, prefix: '--baseline-', message: '--baseline-to: not a time: "soon"' },
    { flags: { from: '2026-03-12T10:00:00Z', to: '2026-03-12T09:00:00Z' }, prefix: undefined, message: '--from 2026-03-12T10:00:00Z is after --to 2026-03-12T09:00:00Z' },
  ])('$flags: $message', ({ flags, prefix, message }) => {
    expect(() => toTimeWindow(flags, prefix)).toThrow(message);
  });
});
