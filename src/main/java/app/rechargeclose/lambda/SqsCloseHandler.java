package app.rechargeclose.lambda;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import app.rechargeclose.recharge.Invocation;

/**
 * SQS (with {@code ReportBatchItemFailures}): every message not confirmed closed is reported, so
 * SQS retries it and finally moves it to the dead-letter queue. Never throws: a thrown error
 * would make SQS retry the whole batch, closed recharges included.
 */
@Named("sqs")
public class SqsCloseHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SqsBatchCloser batchCloser;

    public SqsCloseHandler(SqsBatchCloser batchCloser) {
        this.batchCloser = batchCloser;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        Invocation invocation = Invocations.of("sqs", context, Instant.now());
        List<SQSBatchResponse.BatchItemFailure> failures = batchCloser.closeAll(messages, invocation).await().indefinitely().stream()
                .map(SQSBatchResponse.BatchItemFailure::new)
                .toList();
        return new SQSBatchResponse(failures);
    }
}
