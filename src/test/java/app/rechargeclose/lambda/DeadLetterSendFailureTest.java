package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import app.rechargeclose.testing.DeadLetterQueueResource;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.MockLambda;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * When SQS does not take a dead letter (here: no such queue), the message is reported for a retry:
 * never acknowledged, never lost. The paid recharge (5) needs no letter: it is acknowledged.
 */
@QuarkusTest
@TestProfile(SqsHandlerProfile.class)
@WithTestResource(value = DeadLetterQueueResource.class, initArgs = @ResourceArg(name = "missing", value = "true"))
class DeadLetterSendFailureTest {

    @Test
    void reportsAFinalFailureWhoseDeadLetterWasNotTaken() throws Exception {
        assertEquals(List.of("059f36b4-87a3-44ab-83d2-661975600002", "059f36b4-87a3-44ab-83d2-661975600003",
                "059f36b4-87a3-44ab-83d2-661975600004", "059f36b4-87a3-44ab-83d2-661975600006",
                "059f36b4-87a3-44ab-83d2-661975600008", "059f36b4-87a3-44ab-83d2-661975600009"),
                MockLambda.failedIds(Events.fixture("sqs-mixed-batch.json")));
    }
}
