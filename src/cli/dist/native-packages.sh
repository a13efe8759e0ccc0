#!/bin/sh
# The self-contained packages (docs/install.md), made by `mvn package -Pnative`:
#  - target/gatewaydoctor-image/: the distribution with its own trimmed Java (jlink) in runtime/, which the
#    launcher uses when JAVA_HOME is not set: nothing to install but the directory;
#    target/gatewaydoctor-image-VERSION-linux-x64.tar.gz holds it;
#  - target/gatewaydoctor_VERSION-1_amd64.deb (jpackage, where fakeroot and dpkg-deb exist): installs to
#    /opt/gatewaydoctor, with /opt/gatewaydoctor/bin/gatewaydoctor as the command.
# The modules are what jdeps finds in the shaded jar (jdeps --print-module-deps --ignore-missing-deps), plus
# jdk.crypto.ec (TLS to PostgreSQL), jdk.zipfs and jdk.charsets (logs in any encoding); jdeps takes a minute,
# so the list is written here, and NativePackagesIT runs the image and the package to hold it to the jar.
# Usage: native-packages.sh REPO_ROOT JAVA_HOME VERSION
set -eu
root=$1
jdk=$2
version=$3
modules=java.base,java.compiler,java.desktop,java.instrument,java.naming,java.rmi,java.scripting,java.security.jgss,java.sql,jdk.management,jdk.net,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.charsets
target="$root/target"
image="$target/gatewaydoctor-image"
if [ ! -x "$jdk/bin/jlink" ]; then
  echo "native packages: no jlink in $jdk: skipped" >&2
  exit 0
fi
rm -rf "$image" "$target/gatewaydoctor-image-$version-linux-x64.tar.gz"
cp -R "$target/gatewaydoctor" "$image"
rm -f "$image"/lib/gatewaydoctor.jsa*
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --output "$image/runtime"
# The runtime's own class-data archive, which jlink does not make: the launcher's application archive
# (lib/gatewaydoctor.jsa, made on the first run) is layered on it, and a start maps both.
"$image/runtime/bin/java" -Xshare:dump > /dev/null
tar -C "$target" -czf "$target/gatewaydoctor-image-$version-linux-x64.tar.gz" gatewaydoctor-image
echo "native packages: $image (runtime $(du -sh "$image/runtime" | cut -f1)) and its archive"

if [ ! -x "$jdk/bin/jpackage" ] || ! command -v fakeroot > /dev/null || ! command -v dpkg-deb > /dev/null; then
  echo "native packages: no jpackage, fakeroot or dpkg-deb: no .deb" >&2
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/input"
cp "$image/lib/gatewaydoctor.jar" "$work/input/"
rm -f "$target"/gatewaydoctor_*_amd64.deb
# The deb's own launcher carries the launcher's settings for one-off commands; JAVA_OPTS is not read by it,
# and `serve` gets the same settings (a service is better run from the image or the distribution).
"$jdk/bin/jpackage" --type deb --name gatewaydoctor --app-version "$(echo "$version" | sed 's/-SNAPSHOT//')" \
  --linux-package-name gatewaydoctor --vendor GatewayDoctor --description "Finds out why a site answers 502 Bad Gateway, and what to do first" \
  --input "$work/input" --main-jar gatewaydoctor.jar --runtime-image "$image/runtime" \
  --java-options "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m" --dest "$target"
echo "native packages: $(ls "$target"/gatewaydoctor_*_amd64.deb)"
