import pino, { type Logger } from 'pino';

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
          return {
            type: error.name,
            code: (error as { code?: unknown }).code,
            message: error.message.slice(0, 500),
            stack: error.stack,
          };
        },
      },
    },
    destination,
  );
}
