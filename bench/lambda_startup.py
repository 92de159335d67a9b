"""Spawn-to-first-response of a Lambda artifact under a real Lambda Java runtime client and a fake Runtime API.

Run through bench/lambda-startup.sh, which builds what this needs. Prints, for the application's loadAggregate, a
hello-world Funqy function and the smallest Funqy function that reads one DynamoDB item with the same SDK client: median spawn-to-first-response, median init (spawn to the first /next poll), median first
invocation (that poll to the response), the resident set when the answer arrived, classes loaded, and the zip size;
then the ratios. With --native, the native build's loadAggregate, appendEvents (a child added: personal data sealed
under the family's KMS data key) and processStreamRecord (a stream batch of one record) too: its bootstrap, started as
provided.al2023 starts it (no Java runtime client; the Runtime API then leaves out the Cognito and client-context
headers, as Lambda does for HTTP events: Quarkus' native poll loop cannot parse the "{}" the Java runtime client
needs). The tables are infra/template.yaml's, on moto, with moto's KMS and an EventBridge bus for the feed.
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TEMPLATE_HANDLER = "coop.functions.RequestIdStreamHandler::handleRequest"  # infra/template.yaml's Handler
HELLO_HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest"
RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda"
TENANT, FAMILY = "bench-coop", "bench"
BASELINE, APP, FLOOR, HELLO = "loadAggregate baseline", "loadAggregate (app)", "Funqy + one GetItem", "hello-world Funqy"
NATIVE = "loadAggregate (native)"
NATIVE_APPEND, NATIVE_STREAM = "appendEvents (native)", "processStreamRecord (native)"
TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "infra", "template.yaml")
NATIVE_HANDLER = "not.used.in.provided.runtime"  # infra/template.yaml's Handler for provided.al2023


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RuntimeApi:
    """The Lambda Runtime API: hands out one event, records when it was polled and when it was answered."""

    def __init__(self, event, java_client=True):
        self.event = event
        self.reset()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path.endswith("/runtime/invocation/next"):
                    if api.polled is None:
                        api.polled = time.monotonic()
                        body = json.dumps(api.event).encode()
                        self.send_response(200)
                        self.send_header("Lambda-Runtime-Aws-Request-Id", "bench-request-1")
                        self.send_header("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 60000))
                        self.send_header("Lambda-Runtime-Invoked-Function-Arn",
                                         "arn:aws:lambda:us-east-1:123456789012:function:bench")
                        self.send_header("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000")
                        if java_client:
                            # The Java runtime client's native code reads these two unconditionally.
                            self.send_header("Lambda-Runtime-Client-Context", "{}")
                            self.send_header("Lambda-Runtime-Cognito-Identity", "{}")
                        self.send_header("Content-Type", "application/json")
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)
                    else:
                        api.done.wait(120)  # the second poll waits, as in Lambda, until the process is frozen
                        self.send_response(500)
                        self.end_headers()

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                api.answered = time.monotonic()
                api.answer = (self.path.rsplit("/", 1)[-1], body)
                self.send_response(202)
                self.end_headers()
                api.done.set()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def reset(self):
        self.polled = self.answered = self.answer = None
        self.done = threading.Event()

    @property
    def address(self):
        return "127.0.0.1:%d" % self.server.server_address[1]


def resident_mb(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def run_once(java, task, runtime_jars, api, env, handler, class_log=None):
    api.reset()
    if handler is None:  # a native bootstrap, as provided.al2023 starts it
        command = [os.path.join(task, "bootstrap")]
    else:
        # The java21 runtime's own JVM options (C1 only, serial GC); infra/template.yaml adds none (no JAVA_TOOL_OPTIONS).
        command = [java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx900m"]
        if class_log:
            command.append("-Xlog:class+load=info:file=%s" % class_log)
        classpath = os.pathsep.join([task, os.path.join(task, "lib", "*"), os.path.join(runtime_jars, "*")])
        command += ["-cp", classpath, RUNTIME_MAIN, handler]
    full_env = dict(os.environ, AWS_LAMBDA_RUNTIME_API=api.address, LAMBDA_TASK_ROOT=task, _HANDLER=handler or NATIVE_HANDLER,
                    AWS_REGION="us-east-1", AWS_DEFAULT_REGION="us-east-1", AWS_ACCESS_KEY_ID="test",
                    AWS_SECRET_ACCESS_KEY="test", AWS_LAMBDA_FUNCTION_NAME="bench",
                    AWS_LAMBDA_FUNCTION_MEMORY_SIZE="1024", AWS_LAMBDA_FUNCTION_VERSION="1", **env)
    spawned = time.monotonic()
    process = subprocess.Popen(command, cwd=task, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    finished = api.done.wait(180)
    rss = resident_mb(process.pid) if finished and process.poll() is None else float("nan")
    process.kill()
    _, err = process.communicate()
    if not finished or api.answer is None:
        sys.exit("no answer from %s; stderr:\n%s" % (task, err.decode()[-3000:]))
    kind, body = api.answer
    if kind != "response":
        sys.exit("the function failed (%s): %s\nstderr:\n%s" % (kind, body[:2000], err.decode()[-3000:]))
    return api.answered - spawned, api.polled - spawned, api.answered - api.polled, rss, body


class Target:
    """One artifact to start: its unpacked task root, its Runtime API, the event and environment of its call."""

    def __init__(self, label, name, zip_path, event, env, args, expect, handler=TEMPLATE_HANDLER, libs=None):
        self.label, self.zip_path, self.env, self.handler, self.expect = label, zip_path, env, handler, expect
        self.args = args
        self.task = os.path.join(args.work, name, "task")
        self.class_log = os.path.join(args.work, name, "classes.log")
        shutil.rmtree(self.task, ignore_errors=True)
        with zipfile.ZipFile(zip_path) as archive:
            archive.extractall(self.task)
        if handler is None:
            os.chmod(os.path.join(self.task, "bootstrap"), 0o755)
            # The stand-in native-image's binaries load the JDK's shared libraries from beside them.
            for library in os.listdir(libs) if libs and os.path.isdir(libs) else []:
                if library.endswith(".so"):
                    shutil.copy(os.path.join(libs, library), self.task)
        self.api = RuntimeApi(event, java_client=handler is not None)
        self.runs = []

    def run(self, class_log=None):
        return run_once(self.args.java, self.task, os.path.join(self.args.work, "runtime"), self.api, self.env,
                        self.handler, class_log)

    def check(self):
        """A first start that warms the OS caches, checks the answer and counts the classes loaded."""
        *_, body = self.run(None if self.handler is None else self.class_log)
        if self.expect not in body:
            sys.exit("%s answered %s, expected it to contain %s" % (self.label, body[:500], self.expect))
        self.classes = 0  # a native image loads no classes at run time
        if self.handler is not None:
            with open(self.class_log) as log:
                self.classes = sum(1 for line in log if "class,load" in line)

    def figures(self):
        return {
            "total": statistics.median(r[0] for r in self.runs),
            "init": statistics.median(r[1] for r in self.runs),
            "first": statistics.median(r[2] for r in self.runs),
            "rss_mb": statistics.median(r[3] for r in self.runs),
            "classes": self.classes,
            "zip_mb": os.path.getsize(self.zip_path) / 1e6,
        }


def measure(targets, runs):
    """Round by round, every target once per round: a slower stretch of a shared machine then slows them all."""
    for target in targets:
        target.check()
    for _ in range(runs):
        for target in targets:
            target.runs.append(target.run()[:4])
    return {target.label: target.figures() for target in targets}


def start_moto():
    port = free_port()
    moto = subprocess.Popen([sys.executable, "-c", "from moto.server import main; main()", "-H", "127.0.0.1",
                             "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = "http://127.0.0.1:%d" % port
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return moto, endpoint
        except OSError:
            time.sleep(0.1)
    sys.exit("moto did not start")


def template():
    """infra/template.yaml as plain YAML: CloudFormation tags drop away (!Ref KeysTable reads as "KeysTable")."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: (
        loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else
        loader.construct_mapping(node) if isinstance(node, yaml.MappingNode) else loader.construct_scalar(node)))
    with open(TEMPLATE) as source:
        return yaml.load(source, Loader=Loader)


def seed(endpoint):
    """The template's tables, a KMS key for the data keys and a feed bus; one enrolled family. Returns the
    functions' environment (as the template sets it, with moto's endpoints)."""
    import boto3
    clients = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                   aws_secret_access_key="test")
    dynamo = boto3.client("dynamodb", **clients)
    env = {"QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE": endpoint, "COOP_KEYS_ENDPOINT_OVERRIDE": endpoint,
           "COOP_FEED_ENDPOINT_OVERRIDE": endpoint, "COOP_EVENT_BUS_NAME": "bench-feed",
           "COOP_KEYS_KMS_KEY_ID": boto3.client("kms", **clients).create_key()["KeyMetadata"]["Arn"]}
    boto3.client("events", **clients).create_event_bus(Name="bench-feed")
    stack = template()
    names = {}
    for logical, resource in stack["Resources"].items():
        if resource["Type"] != "AWS::DynamoDB::Table":
            continue
        properties, names[logical] = resource["Properties"], "bench-" + logical[:-len("Table")].lower()
        table = dict(TableName=names[logical], BillingMode="PAY_PER_REQUEST", KeySchema=properties["KeySchema"],
                     AttributeDefinitions=properties["AttributeDefinitions"])
        if properties.get("GlobalSecondaryIndexes"):
            table["GlobalSecondaryIndexes"] = [{key: index[key] for key in ("IndexName", "KeySchema", "Projection")}
                                               for index in properties["GlobalSecondaryIndexes"]]
        dynamo.create_table(**table)
    for variable, value in stack["Globals"]["Function"]["Environment"]["Variables"].items():
        if isinstance(value, str) and value in names:  # COOP_TABLES_*: !Ref EventsTable
            env[variable] = names[value]
    dynamo.put_item(TableName="bench-events", Item=ENROLLED)
    return env


def s(value):
    return {"S": value}


# The family every call works on, enrolled before the personal data was sealed (a clear value still reads).
ENROLLED = {
    "stream_id": s("%s#Family#%s" % (TENANT, FAMILY)), "version": {"N": "1"}, "tenant_id": s(TENANT),
    "aggregate_type": s("Family"), "aggregate_id": s(FAMILY), "event_id": s("bench-enrolled"),
    "event_type": s("FamilyEnrolled"), "event_version": {"N": "1"},
    "event_data": s('{"family_name":"Bench Family","enrollment_date":"2024-09-01"}'),
    "event_timestamp": s("2024-09-01T09:00:00.000000Z"), "user_id": s("bench"), "correlation_id": s("bench"),
    "event_key": s(TENANT + "#bench-enrolled"), "correlation_key": s(TENANT + "#bench"),
    "type_key": s(TENANT + "#FamilyEnrolled#0")}


def http_event(route, path, body=None):
    """An API Gateway HTTP API (payload 2.0) event of a coordinator of the bench's co-op."""
    method = route.split(" ")[0]
    event = {"version": "2.0", "routeKey": route, "rawPath": path, "rawQueryString": "", "headers": {},
             "pathParameters": {"aggregate_type": "Family", "aggregate_id": FAMILY},
             "requestContext": {"http": {"method": method, "path": path}, "routeKey": route,
                                "requestId": "bench-request-1",
                                "authorizer": {"jwt": {"claims": {"sub": "bench", "tenant_id": TENANT,
                                                                  "roles": "coordinator"}}}},
             "isBase64Encoded": False}
    if body is not None:
        event["headers"]["content-type"] = "application/json"
        event["body"] = json.dumps(body)
    return event


def stream_batch():
    """The enrolment's stream record as Lambda's event source mapping hands it over (a batch of one)."""
    keys = {"stream_id": ENROLLED["stream_id"], "version": ENROLLED["version"]}
    return {"Records": [{"eventID": "bench-1", "eventName": "INSERT", "eventVersion": "1.1",
                         "eventSource": "aws:dynamodb", "awsRegion": "us-east-1",
                         "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/bench-events/stream/1",
                         "dynamodb": {"ApproximateCreationDateTime": 1725181200, "Keys": keys,
                                      "NewImage": ENROLLED, "SequenceNumber": "100", "SizeBytes": 300,
                                      "StreamViewType": "NEW_IMAGE"}}]}


def main():
    parser = argparse.ArgumentParser()
    for option in ("--work", "--java", "--app", "--hello", "--floor"):
        parser.add_argument(option, required=True)
    parser.add_argument("--baseline", help="another build of function.zip (e.g. before a change), measured alike")
    parser.add_argument("--native", help="the native build's function.zip (./mvnw package -Pnative)")
    parser.add_argument("--native-libs", help="shared libraries the native bootstrap loads from beside it")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    moto, endpoint = start_moto()
    try:
        app_env = dict(seed(endpoint), QUARKUS_FUNQY_EXPORT="loadAggregate")
        load = http_event("GET /aggregates/{aggregate_type}/{aggregate_id}", "/aggregates/Family/" + FAMILY)
        # Each run adds a child (expected version "any"): a personal value sealed under the family's data key.
        append = http_event("POST /aggregates/{aggregate_type}/{aggregate_id}/events",
                            "/aggregates/Family/%s/events" % FAMILY,
                            {"expected_version": "any", "events": [{"event_type": "ChildAdded", "event_data": {
                                "child_name": "Bench Child", "age": 8, "grade": 3}}]})
        targets = []
        if args.baseline:
            targets.append(Target(BASELINE, "baseline", args.baseline, load, app_env, args, "Bench Family"))
        if args.native:
            native_env = dict(app_env, DISABLE_SIGNAL_HANDLERS="true")  # as the template sets it for provided.al2023
            targets.append(Target(NATIVE, "native", args.native, load, native_env, args, "Bench Family", None,
                                  args.native_libs))
            targets.append(Target(NATIVE_APPEND, "native-append", args.native, append,
                                  dict(native_env, QUARKUS_FUNQY_EXPORT="appendEvents"), args, '"statusCode":201', None,
                                  args.native_libs))
            targets.append(Target(NATIVE_STREAM, "native-stream", args.native, stream_batch(),
                                  dict(native_env, QUARKUS_FUNQY_EXPORT="processStreamRecord"), args,
                                  '"batchItemFailures":[]', None, args.native_libs))
        targets += [
            Target(APP, "app", args.app, load, app_env, args, "Bench Family"),
            Target(FLOOR, "floor", args.floor, "%s#Family#%s" % (TENANT, FAMILY),
                   {"QUARKUS_FUNQY_EXPORT": "hello", "QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE": endpoint}, args,
                   "Bench Family", HELLO_HANDLER),
            Target(HELLO, "hello", args.hello, "bench", {"QUARKUS_FUNQY_EXPORT": "hello"}, args, "hello bench",
                   HELLO_HANDLER),
        ]
        rows = measure(targets, args.runs)
    finally:
        moto.kill()
    print("%-30s %12s %12s %12s %8s %10s %8s" % ("", "spawn->resp", "init", "1st call", "RSS MB", "classes",
                                                  "zip MB"))
    for name, row in rows.items():
        print("%-30s %11.3fs %11.3fs %11.3fs %8.0f %10s %8.1f" % (name, row["total"], row["init"], row["first"],
                                                              row["rss_mb"], row["classes"] or "-", row["zip_mb"]))
    hello, floor = rows[HELLO], rows[FLOOR]
    for name in [label for label in rows if label != HELLO]:
        app = rows[name]
        print("ratio %s/hello: spawn->response %.2fx, first call %.1fx, classes %.2fx, zip %.2fx (median of %d runs)"
              % (name, app["total"] / hello["total"], app["first"] / hello["first"],
                 app["classes"] / hello["classes"], app["zip_mb"] / hello["zip_mb"], args.runs))
    for name in [label for label in rows if label not in (HELLO, FLOOR)]:
        app = rows[name]
        print("ratio %s/(%s): spawn->response %.2fx, classes %.2fx"
              % (name, FLOOR, app["total"] / floor["total"], app["classes"] / floor["classes"]))


if __name__ == "__main__":
    main()
