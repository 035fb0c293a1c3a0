package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.sandbox.Scenario;
import app.rechargeclose.testing.Contract;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.LambdaRuntimeEmulator;
import app.rechargeclose.testing.MockLambda;
import app.rechargeclose.testing.RunningFunction;

/**
 * The packaged function with the budgets a deployment has: WeChat Pay's deadline left at its
 * default (10 s) and a Lambda deadline of 15 or 20 s, not the 1 s the other tests use.
 */
class DeployedBudgetFunctionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** infra/'s default timeout of the http function (http_function_timeout_seconds). */
    private static final Duration HTTP_DEADLINE = Duration.ofSeconds(15);
    /** The invocation the reproduction had; infra/'s sqs default (60 s) leaves far more. */
    private static final Duration LAMBDA_DEADLINE = Duration.ofSeconds(20);

    private static RunningFunction running;

    @BeforeAll
    static void startFunction() throws Exception {
        running = Contract.held(RunningFunction.start("http", environment -> environment.remove("WECHATPAY_TIMEOUT")));
    }

    @AfterAll
    static void stopFunction() throws Exception {
        running.close();
    }

    /**
     * WeChat Pay applies the close and never answers it; its query API says CLOSED. Attempt 1 waits
     * out the 10 s, attempt 2 (0.9 s) what is left but the query's reserve, and the query answers in time.
     */
    @Test
    void closesAHungThenQueriedRechargeWithinTheDeployedDeadline() throws Exception {
        running.runtime().invoke(Events.closeEvent("warmbudget").toString(), HTTP_DEADLINE, HTTP_DEADLINE);

        // The wait is the Lambda deadline itself: an answer after it would be no answer.
        String hung = Scenario.HANG.outRechargeNo("deployed");
        LambdaRuntimeEmulator.Outcome outcome = running.runtime().invoke(Events.closeEvent(hung).toString(), HTTP_DEADLINE, HTTP_DEADLINE);

        assertFalse(outcome.error(), outcome.body());
        JsonNode reply = JSON.readTree(outcome.body());
        assertEquals(200, reply.get("statusCode").asInt(), outcome.body());
        assertEquals("CLOSED", JSON.readTree(reply.get("body").asText()).get("recharge_state").asText());
        int closes = running.simulator().callsFor(hung).size();
        assertTrue(closes >= 1 && closes <= 2, closes + " closes: attempt 3 would have eaten the query's reserve");
        assertEquals(1, running.simulator().queriesFor(hung).size());
    }

    /**
     * The same in an SQS batch with 20 s: attempt 1 10 s, attempt 2 5.9 s, then the query. The hung
     * close is acknowledged once the query says CLOSED; its neighbours do not wait past the deadline.
     */
    @Test
    void acknowledgesAHungThenQueriedRechargeOfABatchWithinTheDeployedDeadline() throws Exception {
        try (RunningFunction sqs = Contract.held(RunningFunction.start("sqs", environment -> environment.remove("WECHATPAY_TIMEOUT")))) {
            String hung = Scenario.HANG.outRechargeNo("sqsdeployed");
            String batch = Events.sqsBatch(List.of(hung, "sqsdeployed", Scenario.RECHARGING.outRechargeNo("sqsdeployed"))).toString();
            LambdaRuntimeEmulator.Outcome outcome = sqs.runtime().invoke(batch, LAMBDA_DEADLINE, LAMBDA_DEADLINE);

            assertFalse(outcome.error(), outcome.body());
            assertEquals(List.of("message-RECHARGINGsqsdeployed"), MockLambda.failedIdsOf(outcome.body()));
            assertEquals(2, sqs.simulator().callsFor(hung).size(), "attempt 3 would have eaten the query's reserve");
            assertEquals(1, sqs.simulator().queriesFor(hung).size());
        }
    }
}
