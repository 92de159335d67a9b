#!/usr/bin/env bash
# Cold start of the Lambda artifact, measured as Lambda's java21 runtime starts it: a real Lambda Java runtime
# client (com.amazonaws:aws-lambda-java-runtime-interface-client) polls a fake Runtime API on loopback, the template's
# handler (coop.functions.RequestIdStreamHandler::handleRequest) serves one loadAggregate against moto.
# Compared, in the same run, with two Funqy functions of the same Quarkus version that this script generates and
# builds offline from the local Maven repository: a hello-world, and one that reads a DynamoDB item.
#
#   ./mvnw package -DskipTests && bench/lambda-startup.sh [runs]      # default 5 runs each; prints medians
#   BASELINE_ZIP=/tmp/before.zip bench/lambda-startup.sh              # also measures an earlier build, in the same run
#   NATIVE_ZIP=/tmp/native.zip bench/lambda-startup.sh                # also the native build's loadAggregate,
#                                                                     # appendEvents and processStreamRecord (./mvnw
#                                                                     # package -Pnative writes target/function.zip:
#                                                                     # copy it away first)
# The native bootstrap runs as provided.al2023 runs it; the stand-in native-image's binaries also need the JDK's shared
# libraries beside them: NATIVE_LIBS (default $GRAALVM_HOME/rt) names their folder.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${1:-5}
WORK=${BENCH_WORK:-$ROOT/target/bench}
QUARKUS_VERSION=$(sed -n 's:.*<quarkus.platform.version>\(.*\)</quarkus.platform.version>.*:\1:p' pom.xml)
AMAZON_SERVICES_VERSION=$(sed -n 's:.*<quarkus.amazon-services.version>\(.*\)</quarkus.amazon-services.version>.*:\1:p' pom.xml)
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

# Funqy functions of the same Quarkus version, generated here and built offline the same way: a hello-world, and the
# smallest function that reads DynamoDB with the extension and client this project uses (the floor for any function
# that reads a table: what the AWS SDK itself costs at start).
generate() {  # generate <dir> <extra dependency xml> <java source> <application.properties>
  local dir=$1
  [ -f "$dir/target/function.zip" ] && return
  mkdir -p "$dir/src/main/java/hello" "$dir/src/main/resources"
  cat > "$dir/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>$(basename "$dir")</artifactId><version>1</version>
  <properties>
    <maven.compiler.release>21</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencyManagement><dependencies>
    <dependency>
      <groupId>io.quarkus.platform</groupId><artifactId>quarkus-bom</artifactId><version>$QUARKUS_VERSION</version>
      <type>pom</type><scope>import</scope>
    </dependency>
    <dependency>
      <groupId>io.quarkiverse.amazonservices</groupId><artifactId>quarkus-amazon-services-bom</artifactId>
      <version>$AMAZON_SERVICES_VERSION</version><type>pom</type><scope>import</scope>
    </dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-funqy-amazon-lambda</artifactId></dependency>
    $2
  </dependencies>
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
  printf '%s\n' "$3" > "$dir/src/main/java/hello/Hello.java"
  printf '%s\n' "$4" > "$dir/src/main/resources/application.properties"
  ./mvnw -B -q -o -f "$dir/pom.xml" package -DskipTests
}

HELLO=$WORK/hello
generate "$HELLO" "" '
package hello;

import io.quarkus.funqy.Funq;

public class Hello {
    @Funq
    public String hello(String name) {
        return "hello " + name;
    }
}' "quarkus.funqy.export=hello"

FLOOR=$WORK/hello-dynamodb
generate "$FLOOR" '
    <dependency><groupId>io.quarkiverse.amazonservices</groupId><artifactId>quarkus-amazon-dynamodb</artifactId></dependency>
    <dependency><groupId>software.amazon.awssdk</groupId><artifactId>url-connection-client</artifactId></dependency>' '
package hello;

import io.quarkus.funqy.Funq;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

public class Hello {
    private final DynamoDbClient dynamo;

    Hello(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    @Funq
    public String hello(String streamId) {
        return dynamo.getItem(request -> request.tableName("bench-events").key(Map.of(
                "stream_id", AttributeValue.fromS(streamId), "version", AttributeValue.fromN("1"))))
                .item().get("event_data").s();
    }
}' "quarkus.funqy.export=hello
quarkus.dynamodb.sync-client.type=url
quarkus.dynamodb.devservices.enabled=false"

python3 bench/lambda_startup.py --runs "$RUNS" --work "$WORK" --java "${JAVA_HOME:+$JAVA_HOME/bin/}java" \
  --app "$ROOT/target/function.zip" --hello "$HELLO/target/function.zip" --floor "$FLOOR/target/function.zip" ${BASELINE_ZIP:+--baseline "$BASELINE_ZIP"} \
  ${NATIVE_ZIP:+--native "$NATIVE_ZIP"} ${NATIVE_ZIP:+--native-libs "${NATIVE_LIBS:-${GRAALVM_HOME:-}/rt}"}
