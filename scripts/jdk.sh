# Sourced by ./llmpolicy, ./test.sh and .ci/run: sets JAVA_HOME to a JDK >= 21 or explains how to get one.
# Order: $JAVA_HOME if it is >= 21, then the newest JDK >= 21 under /usr/lib/jvm (Debian/Ubuntu layout),
# then /usr/java and /opt/java, then `java` on PATH.

_llmpolicy_java_major() { # $1 = path to a java binary; prints its feature version or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1 | sed 's/^1\.//'
}

llmpolicy_find_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(_llmpolicy_java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(_llmpolicy_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(_llmpolicy_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then best="$candidate"; fi
  fi
  if [ -z "$best" ]; then
    echo "llmpolicy: no JDK 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm, /usr/java, /opt/java and PATH)." >&2
    echo "llmpolicy: install one (for example 'apt-get install openjdk-21-jdk') or point JAVA_HOME at it:" >&2
    echo "           JAVA_HOME=/path/to/jdk-21 $0 ..." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

# Flags Chronicle Queue needs on JDK 17+ (see docs/embedding.md); analytics are always off.
LLMPOLICY_JVM_FLAGS="--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED \
--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED \
--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.util=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
-Dchronicle.analytics.disable=true"
