package app.rechargeclose.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import jakarta.inject.Named;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import app.rechargeclose.telemetry.LogContext;
import app.rechargeclose.telemetry.Telemetry;


/**
 * SQS (with {@code ReportBatchItemFailures}): every message not confirmed closed is reported, so
 * SQS retries it and finally moves it to the dead-letter queue; one whose failure is final goes
 * there at once when {@code sqs.dead-letter-queue-url} is set. Never throws: a thrown error
 * would make SQS retry the whole batch, closed recharges included.
 */
@Named("sqs")
public class SqsCloseHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = Logger.getLogger(SqsCloseHandler.class);

    private final SqsBatchCloser batchCloser;
    private final Telemetry telemetry;

    public SqsCloseHandler(SqsBatchCloser batchCloser, Telemetry telemetry) {
        this.batchCloser = batchCloser;
        this.telemetry = telemetry;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null ? List.of()
                : event.getRecords().stream().filter(Objects::nonNull).toList();
        LogContext.put(LogContext.LAMBDA_REQUEST_ID, context == null ? null : context.getAwsRequestId());
        try {
            return closeAll(messages, context);
        } catch (RuntimeException unexpected) {
            // A bug of ours must not make SQS retry the whole batch blindly, nor drop it: every message comes back.
            LOG.error("the batch could not be processed; every message is reported for a retry", unexpected);
            return new SQSBatchResponse(messages.stream().map(message -> new SQSBatchResponse.BatchItemFailure(message.getMessageId())).toList());
        } finally {
            LogContext.clear();
        }
    }

    private SQSBatchResponse closeAll(List<SQSEvent.SQSMessage> messages, Context context) {
        Instant start = Instant.now();
        Invocation invocation = Invocation.of("sqs", context, start);
        List<SQSBatchResponse.BatchItemFailure> failures = batchCloser.closeAll(messages, invocation).await().atMost(invocation.timeLeft()).stream()
                .map(SQSBatchResponse.BatchItemFailure::new)
                .toList();
        telemetry.batch(invocation.ids(), messages.size(), failures.size(), Duration.between(start, Instant.now()));
        return new SQSBatchResponse(failures);
    }
}
