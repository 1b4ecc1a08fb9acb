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
