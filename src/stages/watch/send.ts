/**
 * Sends one delivery: an HTTP POST to a webhook (through the fetch stage's guarded Agent, so a
 * receiver's name that resolves to a refused address is refused as a fetch would be) or an email
 * through SMTP. Any answer but 2xx is a failure the caller retries.
 */
import nodemailer from 'nodemailer';
import { fetch, type Response } from 'undici';
import type { AddressPolicy } from '../fetch/address-policy.js';
import { agentFor } from '../fetch/fetch-agents.js';
import type { Delivery } from './watch-spec.js';
import {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  emailOf,
  signBody,
  slackBody,
  webhookBody,
  type AlertMessage,
} from './messages.js';

export interface SendSettings {
  addresses: AddressPolicy;
  timeoutMs: number;
  userAgent: string;
  /** SMTP_URL (smtp://user:pass@host:port); email deliveries fail without it. */
  smtpUrl?: string;
  mailFrom: string;
}

/** A receiver that did not take a delivery; the message says what it answered. */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
}

export async function send(delivery: Delivery, message: AlertMessage, secret: string, s: SendSettings): Promise<void> {
  if (delivery.kind === 'email') return sendEmail(delivery.to, message, secret, s);
  const body = delivery.kind === 'slack' ? slackBody(message) : webhookBody(message);
  let res: Response;
  try {
    res = await fetch(delivery.url, {
      method: 'POST',
      body,
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        'user-agent': s.userAgent,
        [DELIVERY_HEADER]: message.deliveryId,
        [SIGNATURE_HEADER]: signBody(body, secret),
      },
      signal: AbortSignal.timeout(s.timeoutMs),
      dispatcher: agentFor({ ...s.addresses, connectTimeoutMs: s.timeoutMs }),
    });
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message;
    throw new DeliveryError(`${new URL(delivery.url).host} did not answer: ${cause ?? (err as Error).message}`);
  }
  await res.body?.cancel().catch(() => undefined);
  if (res.status < 200 || res.status > 299)
    throw new DeliveryError(`${new URL(delivery.url).host} answered ${res.status} ${res.statusText}`.trim());
}

async function sendEmail(to: string, m: AlertMessage, secret: string, s: SendSettings): Promise<void> {
  if (!s.smtpUrl) throw new DeliveryError('email deliveries need SMTP_URL (smtp://host:port)');
  const transport = nodemailer.createTransport(s.smtpUrl);
  const { subject, text, html } = emailOf(m);
  try {
    await transport.sendMail({
      from: s.mailFrom,
      to,
      subject,
      text,
      html,
      headers: { [DELIVERY_HEADER]: m.deliveryId, [SIGNATURE_HEADER]: signBody(text, secret) },
    });
  } catch (err) {
    throw new DeliveryError(`SMTP did not take the mail: ${(err as Error).message}`);
  } finally {
    transport.close();
  }
}
