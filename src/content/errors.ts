/** The error for content that does not validate, in a module of its own so it loads without zod or YAML. */
export class ContentError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`content/ has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'ContentError';
    this.problems = problems;
  }
}
