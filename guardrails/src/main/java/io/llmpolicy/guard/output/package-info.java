/**
 * Checks on a whole model output: JSON validity ({@link io.llmpolicy.guard.output.JsonCheck}), JSON Schema
 * ({@link io.llmpolicy.guard.output.JsonSchemaCheck}) and token size ({@link io.llmpolicy.guard.output.TokenLimit}).
 */
package io.llmpolicy.guard.output;
