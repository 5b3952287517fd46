/**
 * Optional helpers for plugins that speak HTTP through the JDK's {@link java.net.http.HttpClient}: a transport
 * with a whole-call deadline and cancellation ({@link io.llmpolicy.plugin.http.HttpTransport}), a server-sent
 * events reader, and Retry-After parsing. JDK types only, so plugins bundle nothing extra to use them.
 */
package io.llmpolicy.plugin.http;
