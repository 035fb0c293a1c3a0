package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import app.rechargeclose.testing.DeadLetterQueueResource;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.MockLambda;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** A FIFO queue's final failure goes to a FIFO dead-letter queue in its message group, once. */
@QuarkusTest
@TestProfile(SqsHandlerProfile.class)
@WithTestResource(value = DeadLetterQueueResource.class, initArgs = @ResourceArg(name = "queue", value = "recharge-close-dlq.fifo"))
class FifoDeadLetterQueueTest {

    @Test
    void keepsTheMessageGroupAndSendsARedeliveryOnlyOnce() throws Exception {
        ObjectNode event = Events.fixture("sqs-fifo-batch.json");

        // 2 (E404) is final and taken by the dead-letter queue, so 3 of its group goes ahead.
        assertEquals(List.of(), MockLambda.failedIds(event));
        assertEquals(1, DeadLetterQueueResource.simulator().callsFor("fifook3").size());
        // SQS delivers at least once: the same message again, after its acknowledgement was lost.
        ObjectNode again = event.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) again.get("Records")).remove(0);
        assertEquals(List.of(), MockLambda.failedIds(again));

        List<Message> dead = DeadLetterQueueResource.moto().drain(DeadLetterQueueResource.queueUrl());
        assertEquals(1, dead.size(), "the deduplication id is the original message's id");
        Message letter = dead.get(0);
        assertEquals("{\"out_recharge_no\": \"E404fifo2\", \"sub_mchid\": \"1900001121\"}", letter.body());
        assertEquals("recharges", letter.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
        assertEquals("059f36b4-87a3-44ab-83d2-661975600002", letter.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
        assertEquals("ORDER_NOT_EXIST", DeadLetterQueueTest.attribute(letter, "error_code"));
    }
}
