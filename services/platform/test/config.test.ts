import { z } from 'zod';
import { ConfigError, env, exitOnConfigError, readConfig } from '../src/config';

/** A configuration shaped like a service's: a port, a database URL, a log level and a required secret. */
const shape = {
  PORT: env.port(4001),
  DATABASE_URL: env.url(['postgres', 'postgresql']),
  LOG_LEVEL: env.logLevel(),
  RELAY_BATCH: env.positiveInt(100),
  SIGNING_KEY: z.string().min(8),
};

const valid = {
  PORT: '8080',
  DATABASE_URL: 'postgres://omni@db:5432/omni',
  LOG_LEVEL: 'debug',
  RELAY_BATCH: '25',
  SIGNING_KEY: 'a-long-secret',
};

/** `valid` less the named variables. */
function without(...names: (keyof typeof valid)[]): Record<string, string> {
  return Object.fromEntries(Object.entries(valid).filter(([name]) => !names.includes(name as keyof typeof valid)));
}

function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}

describe('readConfig', () => {
  it('parses a complete, valid environment into typed values', () => {
    const config = readConfig(shape, valid);
    expect(config).toEqual({
      PORT: 8080,
      DATABASE_URL: 'postgres://omni@db:5432/omni',
      LOG_LEVEL: 'debug',
      RELAY_BATCH: 25,
      SIGNING_KEY: 'a-long-secret',
    });
    expect(typeof config.PORT).toBe('number');
  });

  it('trims surrounding whitespace from values', () => {
    const config = readConfig(shape, { ...valid, PORT: ' 9000 ', LOG_LEVEL: '\twarn\n', DATABASE_URL: ' postgresql://h/db ' });
    expect(config.PORT).toBe(9000);
    expect(config.LOG_LEVEL).toBe('warn');
    expect(config.DATABASE_URL).toBe('postgresql://h/db');
  });

  it('applies defaults for variables that are unset', () => {
    const config = readConfig(shape, without('PORT', 'LOG_LEVEL', 'RELAY_BATCH'));
    expect(config.PORT).toBe(4001);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.RELAY_BATCH).toBe(100);
  });

  it('treats an empty or blank variable as unset, so the default applies', () => {
    const config = readConfig(shape, { ...valid, PORT: '', LOG_LEVEL: '   ' });
    expect(config.PORT).toBe(4001);
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('ignores variables that are not part of the shape', () => {
    const config = readConfig(shape, { ...valid, UNRELATED: 'x', PATH: '/usr/bin' });
    expect(Object.keys(config).sort()).toEqual(Object.keys(shape).sort());
  });

  it('reads process.env when no environment is passed', () => {
    const previous = process.env.OMNI_TEST_ONLY_PORT;
    process.env.OMNI_TEST_ONLY_PORT = '1234';
    try {
      expect(readConfig({ OMNI_TEST_ONLY_PORT: env.port(1) }).OMNI_TEST_ONLY_PORT).toBe(1234);
    } finally {
      if (previous === undefined) delete process.env.OMNI_TEST_ONLY_PORT;
      else process.env.OMNI_TEST_ONLY_PORT = previous;
    }
  });

  it('reports a missing required variable by name, on one line', () => {
    const error = configErrorOf(() => readConfig(shape, without('DATABASE_URL')));
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.name).toBe('ConfigError');
    expect(error.message).toMatch(/^configuration error: DATABASE_URL is required/);
    expect(error.message).not.toMatch(/\n/);
  });

  it('reports a blank required variable as missing', () => {
    const error = configErrorOf(() => readConfig(shape, { ...valid, SIGNING_KEY: '  ' }));
    expect(error.variable).toBe('SIGNING_KEY');
    expect(error.message).toMatch(/SIGNING_KEY is required/);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://db/omni'],
    ['DATABASE_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
    ['RELAY_BATCH', '0'],
  ])('reports %s=%j as an invalid value naming the variable and the value', (variable, value) => {
    const error = configErrorOf(() => readConfig(shape, { ...valid, [variable]: value }));
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`configuration error: ${variable} has an invalid value "${value}"`)).toBe(true);
    expect(error.message).not.toMatch(/\n/);
  });

  it('explains which URL schemes are accepted', () => {
    const error = configErrorOf(() => readConfig(shape, { ...valid, DATABASE_URL: 'mysql://db/omni' }));
    expect(error.message).toContain('postgres or postgresql');
  });

  it('names a single variable when several are wrong', () => {
    const error = configErrorOf(() => readConfig(shape, { PORT: 'x', LOG_LEVEL: 'loud' }));
    expect(Object.keys(shape)).toContain(error.variable);
    expect(error.message.split('\n')).toHaveLength(1);
    expect(error.message).toContain(error.variable);
  });
  it('keeps the message on one line even when the value contains a line break', () => {
    const error = configErrorOf(() => readConfig(shape, { ...valid, LOG_LEVEL: 'info\nwarn' }));
    expect(error.message).not.toMatch(/\n/);
  });
});

describe('exitOnConfigError', () => {
  class ExitCalled extends Error {
    constructor(readonly code: number | string | null | undefined) {
      super(`process.exit(${code})`);
    }
  }

  let exit: jest.SpyInstance;
  let write: jest.SpyInstance;

  beforeEach(() => {
    exit = jest.spyOn(process, 'exit').mockImplementation((code) => {
      throw new ExitCalled(code);
    });
    write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    exit.mockRestore();
    write.mockRestore();
  });

  it('prints the one-line message to stderr and exits with code 2', async () => {
    const start = async () => readConfig(shape, { ...valid, PORT: 'eighty' });
    await expect(exitOnConfigError(start)).rejects.toBeInstanceOf(ExitCalled);
    expect(exit).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(2);
    expect(write).toHaveBeenCalledTimes(1);
    const printed = String(write.mock.calls[0][0]);
    expect(printed).toMatch(/^configuration error: PORT has an invalid value "eighty": .+\n$/);
    expect(printed.trimEnd()).not.toMatch(/\n/);
    expect(printed).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
    expect(printed).not.toContain('ConfigError:');
  });

  it('handles a ConfigError thrown synchronously by readConfig inside start', async () => {
    const start = async () => {
      readConfig(shape, without('SIGNING_KEY'));
    };
    await expect(exitOnConfigError(start)).rejects.toBeInstanceOf(ExitCalled);
    expect(exit).toHaveBeenCalledWith(2);
    expect(String(write.mock.calls[0][0])).toMatch(/^configuration error: SIGNING_KEY is required.*\n$/);
  });

  it('lets other errors propagate without exiting or printing', async () => {
    const failure = new Error('port already in use');
    await expect(exitOnConfigError(async () => Promise.reject(failure))).rejects.toBe(failure);
    expect(exit).not.toHaveBeenCalled();
    expect(write).not.toHaveBeenCalled();
  });

  it('does nothing when start succeeds', async () => {
    let started = false;
    await exitOnConfigError(async () => {
      started = true;
    });
    expect(started).toBe(true);
    expect(exit).not.toHaveBeenCalled();
    expect(write).not.toHaveBeenCalled();
  });
});
