#!/usr/bin/env bash
# Cold start of the Lambda artifact, measured as Lambda's java21 runtime starts it: a real Lambda Java runtime
# client (com.amazonaws:aws-lambda-java-runtime-interface-client) polls a fake Runtime API on loopback, the template's
# handler (io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest) serves one loadAggregate against moto.
# Compared, in the same run, with a hello-world Funqy function of the same Quarkus version that this script generates
# and builds offline from the local Maven repository.
#
#   ./mvnw package -DskipTests && bench/lambda-startup.sh [runs]      # default 5 runs each; prints medians
#   BASELINE_ZIP=/tmp/before.zip bench/lambda-startup.sh              # also measures an earlier build, in the same run
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${1:-5}
WORK=${BENCH_WORK:-$ROOT/target/bench}
QUARKUS_VERSION=$(sed -n 's:.*<quarkus.platform.version>\(.*\)</quarkus.platform.version>.*:\1:p' pom.xml)
RIC_VERSION=2.6.0

[ -f target/function.zip ] || { echo "target/function.zip is missing: run ./mvnw package -DskipTests first" >&2; exit 1; }
mkdir -p "$WORK"

# The runtime client and its two dependencies, as the java21 runtime has them outside the function's code.
./mvnw -B -q -o dependency:copy -Dmdep.useBaseVersion=true -DoutputDirectory="$WORK/runtime" \
  -Dartifact=com.amazonaws:aws-lambda-java-runtime-interface-client:$RIC_VERSION >/dev/null 2>&1 || \
  ./mvnw -B -q dependency:copy -DoutputDirectory="$WORK/runtime" \
  -Dartifact=com.amazonaws:aws-lambda-java-runtime-interface-client:$RIC_VERSION
for dep in com.amazonaws:aws-lambda-java-core:1.2.3 com.amazonaws:aws-lambda-java-serialization:1.1.2; do
  ./mvnw -B -q -o dependency:copy -DoutputDirectory="$WORK/runtime" -Dartifact=$dep >/dev/null 2>&1 || \
    ./mvnw -B -q dependency:copy -DoutputDirectory="$WORK/runtime" -Dartifact=$dep
done

# A hello-world Funqy function of the same Quarkus version, built the same way.
HELLO=$WORK/hello
if [ ! -f "$HELLO/target/function.zip" ]; then
  mkdir -p "$HELLO/src/main/java/hello" "$HELLO/src/main/resources"
  cat > "$HELLO/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>hello</artifactId><version>1</version>
  <properties>
    <maven.compiler.release>21</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencyManagement><dependencies><dependency>
    <groupId>io.quarkus.platform</groupId><artifactId>quarkus-bom</artifactId><version>$QUARKUS_VERSION</version>
    <type>pom</type><scope>import</scope>
  </dependency></dependencies></dependencyManagement>
  <dependencies><dependency>
    <groupId>io.quarkus</groupId><artifactId>quarkus-funqy-amazon-lambda</artifactId>
  </dependency></dependencies>
  <build><plugins>
    <plugin>
      <groupId>io.quarkus.platform</groupId><artifactId>quarkus-maven-plugin</artifactId>
      <version>$QUARKUS_VERSION</version><extensions>true</extensions>
      <executions><execution><goals><goal>build</goal></goals></execution></executions>
    </plugin>
    <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
  </plugins></build>
</project>
POM
  cat > "$HELLO/src/main/java/hello/Hello.java" <<'JAVA'
package hello;

import io.quarkus.funqy.Funq;

public class Hello {
    @Funq
    public String hello(String name) {
        return "hello " + name;
    }
}
JAVA
  echo "quarkus.funqy.export=hello" > "$HELLO/src/main/resources/application.properties"
  ./mvnw -B -q -o -f "$HELLO/pom.xml" package -DskipTests
fi

python3 bench/lambda_startup.py --runs "$RUNS" --work "$WORK" --java "${JAVA_HOME:+$JAVA_HOME/bin/}java" \
  --app "$ROOT/target/function.zip" --hello "$HELLO/target/function.zip" ${BASELINE_ZIP:+--baseline "$BASELINE_ZIP"}
