package coop.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.OperationType;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Record;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import coop.admin.SegmentTask;
import coop.app.AggregateView;
import coop.app.Envelope;
import coop.app.ErasureResult;
import coop.app.Explanation;
import coop.app.History;
import coop.app.RevertPreview;
import coop.app.RevertResult;
import coop.app.Simulation;
import coop.domain.family.Child;
import coop.domain.family.ChildAdded;
import coop.domain.family.DuePayment;
import coop.domain.family.EngagementScoreUpdated;
import coop.domain.family.FamilyEnrolled;
import coop.domain.family.FamilyEvent;
import coop.domain.family.FamilyState;
import coop.domain.family.FamilyStatus;
import coop.domain.family.FamilyWithdrawalReversed;
import coop.domain.family.FamilyWithdrawn;
import coop.domain.family.Payment;
import coop.domain.family.PaymentDue;
import coop.domain.family.PaymentOverdue;
import coop.domain.family.PaymentReceived;
import coop.domain.family.PaymentStatus;
import coop.domain.family.PersonalDataErased;
import coop.domain.family.PortalAccess;
import coop.domain.family.PortalAccessLocked;
import coop.domain.family.PortalAccessRestored;
import coop.domain.family.VacationEnded;
import coop.domain.family.VacationStarted;
import coop.functions.http.Problem;
import coop.readmodel.FamilyPage;
import coop.readmodel.FamilySummary;
import coop.readmodel.ProjectionInfo;
import coop.readmodel.ProjectionList;
import coop.schedule.OverdueRun;
import coop.store.Checkpoint;
import coop.store.ParkedFamily;
import coop.store.RebuildProgress;
import coop.stream.HandlerType;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The types a native image must keep reflective access to, because Jackson or the Lambda runtime reach them only
 * by reflection and Quarkus cannot see that at build time: the Family records Jackson reads and writes (event
 * payloads, state, read models), and the Lambda event classes the functions take and return. The JVM build does
 * not need this; the native build ({@code ./mvnw package -Pnative}) drops unregistered members silently, and the
 * result is an empty JSON object or a failed deserialization at run time.
 *
 * <p>Nested classes are listed one by one: registration does not follow nesting. A new record that crosses the
 * JSON boundary belongs here too; {@code NativeReflectionTest} fails until it is.
 */
@RegisterForReflection(registerFullHierarchy = true, targets = {
        // Family events, state and the values inside them.
        FamilyEvent.class,
        FamilyEnrolled.class,
        ChildAdded.class,
        PaymentDue.class,
        PaymentOverdue.class,
        PaymentReceived.class,
        PortalAccessLocked.class,
        PortalAccessRestored.class,
        EngagementScoreUpdated.class,
        FamilyWithdrawn.class,
        FamilyWithdrawalReversed.class,
        VacationStarted.class,
        VacationEnded.class,
        PersonalDataErased.class,
        FamilyState.class,
        Child.class,
        Payment.class,
        DuePayment.class,
        FamilyStatus.class,
        PaymentStatus.class,
        PortalAccess.class,
        // HTTP bodies, read models and the feed, written by Json.mapper().
        Envelope.class,
        AggregateView.class,
        Explanation.class,
        History.Page.class,
        ErasureResult.class,
        RevertResult.class,
        RevertResult.Reverted.class,
        RevertResult.Skipped.class,
        RevertPreview.class,
        RevertPreview.WouldAppend.class,
        Simulation.class,
        Simulation.Step.class,
        Simulation.Change.class,
        Problem.class,
        AppendEventsFunction.Appended.class,
        AppendEventsFunction.Appended.Position.class,
        RevertCorrelationFunction.Reverted.class,
        QueryEventsFunction.EventList.class,
        FamilySummary.class,
        FamilyPage.class,
        ProjectionInfo.class,
        ProjectionList.class,
        HandlerType.class,
        OverdueRun.class,
        Checkpoint.Status.class,
        RebuildProgress.class,
        ParkedFamily.class,
        // Admin invocations: a rebuild segment, a replay request (read by Funqy's own mapper).
        SegmentTask.class,
        ReplayRequest.class,
        ReplayRequest.StreamRange.class,
        ReplayRequest.ParkedStream.class,
        // API Gateway HTTP API, payload format 2.0.
        APIGatewayV2HTTPEvent.class,
        APIGatewayV2HTTPEvent.RequestContext.class,
        APIGatewayV2HTTPEvent.RequestContext.Http.class,
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.class,
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.class,
        APIGatewayV2HTTPEvent.RequestContext.IAM.class,
        APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity.class,
        APIGatewayV2HTTPResponse.class,
        // DynamoDB stream records.
        DynamodbEvent.class,
        DynamodbEvent.DynamodbStreamRecord.class,
        Record.class,
        StreamRecord.class,
        AttributeValue.class,
        Identity.class,
        OperationType.class,
        StreamViewType.class,
        // The stream function's answer (batch item failures).
        StreamsEventResponse.class,
        StreamsEventResponse.BatchItemFailure.class,
        // EventBridge schedule.
        ScheduledEvent.class,
})
public final class NativeReflection {

    private NativeReflection() {
    }
}
