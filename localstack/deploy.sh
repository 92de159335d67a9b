#!/usr/bin/env bash
# Deploys the co-op event store to a running LocalStack (see docker-compose.yml and README.md).
#
#   localstack/deploy.sh              # MODE=functions (default): works with the community image, no token
#   MODE=sam localstack/deploy.sh     # the real infra/template.yaml via samlocal; needs LOCALSTACK_AUTH_TOKEN
#
# functions: builds target/function.zip, creates the tables from infra/template.yaml, the stream DLQ, the feed bus,
#   one Lambda per Funqy function (QUARKUS_FUNQY_EXPORT), the stream's event source mapping and the hourly rule,
#   then invokes appendEvents and loadAggregate with API Gateway v2 events (localstack/events/*.json).
#   No HTTP API: API Gateway v2 is not in the community image.
# sam: creates a Cognito user pool as the JWT issuer and a coordinator user, deploys the template with samlocal,
#   then curls the HTTP API with the user's ID token.
#
# Options (env): STACK (default coop), SKIP_BUILD=1, AWS_DEFAULT_REGION (default us-east-1).
set -euo pipefail
cd "$(dirname "$0")/.."

MODE="${MODE:-functions}"
STACK="${STACK:-coop}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" \
  AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

need() { command -v "$1" >/dev/null 2>&1 || { echo "deploy.sh needs $1: $2" >&2; exit 1; }; }
need awslocal "python3 -m pip install awscli awscli-local"
need curl "apt-get install curl"
python3 -c 'import yaml' 2>/dev/null || { echo "deploy.sh needs PyYAML: python3 -m pip install pyyaml" >&2; exit 1; }
curl -fsS http://localhost:4566/_localstack/health >/dev/null \
  || { echo "LocalStack is not answering on :4566; start it: docker compose -f localstack/docker-compose.yml up -d" >&2; exit 1; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== Building target/function.zip (JVM)"
  ./mvnw -B -q package -DskipTests
fi
[ -f target/function.zip ] || { echo "target/function.zip is missing; run ./mvnw package" >&2; exit 1; }

deploy_sam() {
  need samlocal "python3 -m pip install aws-sam-cli aws-sam-cli-local"
  echo "== Cognito user pool as the JWT issuer"
  pool=$(awslocal cognito-idp create-user-pool --pool-name "$STACK-users" \
    --schema Name=tenant_id,AttributeDataType=String,Mutable=true Name=family_id,AttributeDataType=String,Mutable=true \
    --query UserPool.Id --output text)
  client=$(awslocal cognito-idp create-user-pool-client --user-pool-id "$pool" --client-name portal \
    --explicit-auth-flows ALLOW_ADMIN_USER_PASSWORD_AUTH ALLOW_REFRESH_TOKEN_AUTH \
    --query UserPoolClient.ClientId --output text)
  awslocal cognito-idp create-group --user-pool-id "$pool" --group-name coordinator >/dev/null
  awslocal cognito-idp admin-create-user --user-pool-id "$pool" --username coordinator@example.org \
    --user-attributes Name=custom:tenant_id,Value=coop-smoke --message-action SUPPRESS >/dev/null
  awslocal cognito-idp admin-set-user-password --user-pool-id "$pool" --username coordinator@example.org \
    --password 'Smoke-test-1!' --permanent
  awslocal cognito-idp admin-add-user-to-group --user-pool-id "$pool" --username coordinator@example.org \
    --group-name coordinator
  token=$(awslocal cognito-idp admin-initiate-auth --user-pool-id "$pool" --client-id "$client" \
    --auth-flow ADMIN_USER_PASSWORD_AUTH --auth-parameters 'USERNAME=coordinator@example.org,PASSWORD=Smoke-test-1!' \
    --query AuthenticationResult.IdToken --output text)
  # The authorizer must expect exactly the issuer LocalStack writes into its tokens, so read it from one.
  issuer=$(python3 -c 'import base64, json, sys
p = sys.argv[1].split(".")[1]
print(json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))["iss"])' "$token")
  echo "  issuer $issuer, audience (client id) $client"

  echo "== samlocal deploy (stack $STACK)"
  samlocal deploy --template-file infra/template.yaml --stack-name "$STACK" --resolve-s3 \
    --capabilities CAPABILITY_IAM --no-confirm-changeset --no-fail-on-empty-changeset \
    --parameter-overrides Runtime=java21 "JwtIssuer=$issuer" "JwtAudience=$client" \
      TenantClaim=custom:tenant_id RolesClaim=cognito:groups FamilyClaim=custom:family_id

  api=$(awslocal apigatewayv2 get-apis --query "Items[?Name=='$STACK'].ApiId | [0]" --output text)
  url="http://$api.execute-api.localhost.localstack.cloud:4566"
  echo "API: $url"
  echo "== Smoke test: append FamilyEnrolled, then load the aggregate"
  curl -fsS -X POST "$url/aggregates/Family/fam-smoke-1/events" -H "Authorization: Bearer $token" \
    -H 'content-type: application/json' \
    -d '{"expected_version":0,"events":[{"event_type":"FamilyEnrolled","event_data":{"family_name":"Smoke","enrollment_date":"2024-09-01"}}]}'
  echo
  curl -fsS "$url/aggregates/Family/fam-smoke-1" -H "Authorization: Bearer $token"
  echo
  echo "export API=$url TOKEN=$token"
}

create_tables() {
  # The same definitions the tests use: every AWS::DynamoDB::Table of the template, named as the stack would.
  python3 - "$STACK" "$WORK" <<'PY'
import json, sys, yaml
stack, out = sys.argv[1], sys.argv[2]
class Loader(yaml.SafeLoader):
    pass
def untag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)
Loader.add_multi_constructor("!", untag)
template = yaml.load(open("infra/template.yaml"), Loader=Loader)
for logical_id, resource in template["Resources"].items():
    if resource.get("Type") != "AWS::DynamoDB::Table":
        continue
    p = resource["Properties"]
    request = {
        "TableName": p["TableName"].replace("${AWS::StackName}", stack),
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": p["AttributeDefinitions"],
        "KeySchema": p["KeySchema"],
    }
    if p.get("GlobalSecondaryIndexes"):
        request["GlobalSecondaryIndexes"] = [
            {k: i[k] for k in ("IndexName", "KeySchema", "Projection")} for i in p["GlobalSecondaryIndexes"]]
    if p.get("StreamSpecification"):
        request["StreamSpecification"] = {"StreamEnabled": True,
                                          "StreamViewType": p["StreamSpecification"]["StreamViewType"]}
    json.dump(request, open(f"{out}/{logical_id}.json", "w"))
    print(logical_id, request["TableName"])
PY
}

deploy_functions() {
  echo "== Tables from infra/template.yaml"
  while read -r logical name; do
    if awslocal dynamodb describe-table --table-name "$name" >/dev/null 2>&1; then
      echo "  $name exists"
    else
      awslocal dynamodb create-table --cli-input-json "file://$WORK/$logical.json" >/dev/null
      echo "  $name created"
    fi
  done < <(create_tables)
  stream_arn=$(awslocal dynamodb describe-table --table-name "$STACK-events" --query Table.LatestStreamArn --output text)

  echo "== Stream DLQ, feed bus, execution role"
  dlq_url=$(awslocal sqs create-queue --queue-name "$STACK-stream-dlq" --query QueueUrl --output text)
  dlq_arn=$(awslocal sqs get-queue-attributes --queue-url "$dlq_url" --attribute-names QueueArn \
    --query Attributes.QueueArn --output text)
  awslocal events describe-event-bus --name "$STACK-feed" >/dev/null 2>&1 \
    || awslocal events create-event-bus --name "$STACK-feed" >/dev/null
  # LocalStack does not enforce IAM by default: least privilege is the template's (and TemplateTest's) job.
  role_arn=$(awslocal iam get-role --role-name "$STACK-lambda" --query Role.Arn --output text 2>/dev/null \
    || awslocal iam create-role --role-name "$STACK-lambda" --query Role.Arn --output text \
         --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}')

  echo "== Functions"
  env_common="COOP_TABLES_EVENTS=$STACK-events,COOP_TABLES_EVENT_IDS=$STACK-event-ids,COOP_TABLES_SNAPSHOTS=$STACK-snapshots"
  env_common+=",COOP_TABLES_READ_MODELS=$STACK-read-models,COOP_TABLES_CHECKPOINTS=$STACK-checkpoints"
  env_common+=",COOP_EVENT_BUS_NAME=$STACK-feed,COOP_AUTH_CLAIMS_TENANT=tenant_id,COOP_AUTH_CLAIMS_ROLES=roles"
  env_common+=",COOP_AUTH_CLAIMS_FAMILY=family_id"
  for spec in appendEvents:15 revertCorrelation:15 loadAggregate:15 queryEvents:15 readModels:29 \
              processStreamRecord:60 markOverduePayments:300; do
    fn="${spec%%:*}" timeout="${spec##*:}"
    name="$STACK-$fn"
    if awslocal lambda get-function --function-name "$name" >/dev/null 2>&1; then
      awslocal lambda update-function-code --function-name "$name" --zip-file fileb://target/function.zip >/dev/null
      echo "  $name updated"
    else
      awslocal lambda create-function --function-name "$name" --runtime java21 --memory-size 1024 \
        --timeout "$timeout" --role "$role_arn" --zip-file fileb://target/function.zip \
        --handler coop.functions.RequestIdStreamHandler::handleRequest \
        --environment "Variables={QUARKUS_FUNQY_EXPORT=$fn,$env_common}" >/dev/null
      echo "  $name created"
    fi
    awslocal lambda wait function-active-v2 --function-name "$name"
  done

  echo "== Stream event source mapping and hourly schedule"
  if [ "$(awslocal lambda list-event-source-mappings --function-name "$STACK-processStreamRecord" \
        --query 'length(EventSourceMappings)' --output text)" = 0 ]; then
    awslocal lambda create-event-source-mapping --function-name "$STACK-processStreamRecord" \
      --event-source-arn "$stream_arn" --starting-position TRIM_HORIZON --batch-size 100 \
      --maximum-batching-window-in-seconds 1 --function-response-types ReportBatchItemFailures \
      --bisect-batch-on-function-error --maximum-retry-attempts 10 --maximum-record-age-in-seconds 3600 \
      --destination-config "{\"OnFailure\":{\"Destination\":\"$dlq_arn\"}}" >/dev/null
  fi
  overdue_arn=$(awslocal lambda get-function --function-name "$STACK-markOverduePayments" \
    --query Configuration.FunctionArn --output text)
  awslocal events put-rule --name "$STACK-mark-overdue" --schedule-expression 'rate(1 hour)' >/dev/null
  awslocal events put-targets --rule "$STACK-mark-overdue" --targets "Id=markOverduePayments,Arn=$overdue_arn" >/dev/null
  awslocal lambda add-permission --function-name "$STACK-markOverduePayments" --statement-id hourly \
    --action lambda:InvokeFunction --principal events.amazonaws.com >/dev/null 2>&1 || true

  echo "== Smoke test: appendEvents, then loadAggregate, as API Gateway would call them"
  awslocal lambda invoke --function-name "$STACK-appendEvents" --cli-binary-format raw-in-base64-out \
    --payload file://localstack/events/append-events.json "$WORK/append.out" >/dev/null
  cat "$WORK/append.out"; echo
  awslocal lambda invoke --function-name "$STACK-loadAggregate" --cli-binary-format raw-in-base64-out \
    --payload file://localstack/events/load-aggregate.json "$WORK/load.out" >/dev/null
  cat "$WORK/load.out"; echo
}

case "$MODE" in
  functions) deploy_functions ;;
  sam) deploy_sam ;;
  *) echo "MODE must be functions or sam" >&2; exit 2 ;;
esac
