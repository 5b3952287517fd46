// Runs once in every new script context, before any policy code (see Sandbox.java).
// 1. Removes globals a pure policy function has no use for and that widen the attack surface: the Java interop
//    entry points (inert without host access, removed anyway), shared memory and blocking waits, weak references
//    and finalizers (callbacks that would run during a later call).
// 2. Removes the legacy RegExp statics (RegExp.$1, lastMatch, ...): they hold the last match of the previous
//    call in this context, i.e. another request's text.
// 3. Freezes every object reachable from the global object and from the hidden intrinsics (generator, async and
//    iterator prototypes, %TypedArray%): a script can then neither add globals nor change built-ins, so the
//    pooled context a call leaves behind is the one the next call finds.
(function () {
  'use strict';
  const removed = ['Java', 'Packages', 'java', 'javafx', 'javax', 'com', 'org', 'edu',
    'SharedArrayBuffer', 'Atomics', 'WeakRef', 'FinalizationRegistry'];
  for (const name of removed) {
    delete globalThis[name];
  }
  const regexpStatics = ['input', '$_', 'lastMatch', '$&', 'lastParen', '$+', 'leftContext', '$`',
    'rightContext', "$'", '$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9'];
  for (const name of regexpStatics) {
    delete RegExp[name];
  }
  const pending = [globalThis,
    function* () {}, (function* () {})(), async function () {}, async function* () {}, (async function* () {})(),
    [][Symbol.iterator](), new Map()[Symbol.iterator](), new Set()[Symbol.iterator](), ''[Symbol.iterator](),
    'a'.matchAll(/a/g), Promise.resolve(), Object.getPrototypeOf(Int8Array)];
  const seen = new Set();
  while (pending.length > 0) {
    const o = pending.pop();
    if (o === null || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o)) {
      continue;
    }
    seen.add(o);
    Object.freeze(o);
    pending.push(Object.getPrototypeOf(o));
    for (const key of Reflect.ownKeys(o)) {
      const d = Reflect.getOwnPropertyDescriptor(o, key);
      if (d === undefined) {
        continue;
      }
      if ('value' in d) {
        pending.push(d.value);
      } else {
        pending.push(d.get, d.set);
      }
    }
  }
  return seen.size;
})()
