import pino, { type Logger } from 'pino';

/**
 * Database drivers quote the offending value in their messages (`invalid input syntax for type uuid: "…"`,
 * `duplicate key … ("taro@example.jp")`); quoted text is dropped before a message reaches a log.
 */
export function redactQuoted(message: string): string {
  return message
    .replace(/"[^"\n]*"/g, '"…"')
    .replace(/'[^'\n]*'/g, "'…'")
    .replace(/\([^()\n]*\)=\([^()\n]*\)/g, '(…)=(…)');
}

/**
 * Structured logs on stdout. Nothing personal is logged by design (requests are logged by route pattern,
 * errors by class and message); the redaction list is a second line of defence for secrets.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'mamori' },
      redact: {
        paths: [
          'password',
          '*.password',
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'cookie',
          '*.cookie',
        ],
        censor: '[redacted]',
      },
      serializers: {
        err: (error: unknown) => {
          if (!(error instanceof Error)) return { message: String(error).slice(0, 200) };
          // Not pino's default serializer: driver errors carry `detail` and `parameters` that quote row values.
          const message = redactQuoted(error.message).slice(0, 500);
          return {
            type: error.name,
            code: (error as { code?: unknown }).code,
            message,
            // The stack's first line repeats the message; the frames below it carry no data.
            stack: error.stack?.split('\n').slice(1).join('\n'),
          };
        },
      },
    },
    destination,
  );
}
