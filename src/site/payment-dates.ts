/** The payment dates and deadlines compiled into the server build from content/payment-dates.yaml (see src/content/vite-plugin.ts). */
import paymentDates from 'virtual:rondkomen/payment-dates';
import type { PaymentDates } from '../content/schema.ts';

export function getPaymentDates(): PaymentDates {
  return paymentDates;
}
