/**
 * Sandboxed JavaScript policy functions on GraalVM Polyglot: {@link io.llmpolicy.script.ScriptRuntime} compiles a
 * {@link io.llmpolicy.script.ScriptSource} into a {@link io.llmpolicy.script.ScriptFunction} with a declared
 * {@link io.llmpolicy.script.ScriptType} signature; failures are {@link io.llmpolicy.script.ScriptException}s
 * with a kind and a policy position. Nothing from GraalVM appears in this package's public signatures.
 */
package io.llmpolicy.script;
