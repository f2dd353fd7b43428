/** A message for one person. `id` is the outbox row's id and becomes the stable Message-ID. */
export interface MailMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export interface MailSettings {
  /** `smtp://user:pass@host:587` or `smtps://…:465` (nodemailer's URL form). */
  smtpUrl: string;
  from: string;
}

/** The failure as something safe to store and log: SMTP codes only, never the text (it can quote addresses). */
export function mailErrorOf(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown };
  const code = typeof e?.code === 'string' ? e.code : 'ERROR';
  return typeof e?.responseCode === 'number' ? `${code} ${e.responseCode}` : code;
}

/**
 * An SMTP mailer. nodemailer is loaded on first use (idle memory budget) and never logs: its messages
 * would carry the person's address. Plain text only: nothing a person typed is ever read as HTML.
 */
export function smtpMailer(settings: MailSettings): Mailer {
  let transport: Promise<import('nodemailer').Transporter> | undefined;
  const domain = /@([^>\s]+)>?\s*$/.exec(settings.from)?.[1] ?? 'mamori.invalid';
  const open = () => {
    transport ??= import('nodemailer').then((nm) => nm.createTransport(settings.smtpUrl));
    return transport;
  };
  return {
    async send(message) {
      await (await open()).sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        // The same Message-ID on a retry lets the receiving side drop a duplicate.
        messageId: `<${message.id}@${domain}>`,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    },
    close() {
      void transport?.then((t) => t.close());
    },
  };
}
