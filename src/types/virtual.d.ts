declare module 'virtual:rondkomen/rulebook' {
  import type { Rulebook } from '../engine/rulebook.ts';
  const rulebook: Rulebook;
  export default rulebook;
}

declare module 'virtual:rondkomen/organisations' {
  import type { Organisations } from '../content/organisations.ts';
  const organisations: Organisations;
  export default organisations;
}

declare module 'virtual:rondkomen/payment-dates' {
  import type { PaymentDates } from '../content/schema.ts';
  const paymentDates: PaymentDates;
  export default paymentDates;
}
