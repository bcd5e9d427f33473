// vitest stand-in for the "server-only" marker package (its default entry throws outside React Server
// Components): the modules importing it are server code, and so are the tests that import them.
export {};
