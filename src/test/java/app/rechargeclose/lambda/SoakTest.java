package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.rechargeclose.testing.SoakWechatPay;
import app.rechargeclose.testing.SoakWechatPay.Fault;
import app.rechargeclose.sandbox.WeChatPaySimulator;
import app.rechargeclose.testing.DeadLetterQueueResource;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.MockLambda;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Hundreds of close commands through the sqs handler, with SQS's at-least-once delivery emulated
 * (a reported message comes back, up to {@value #MAX_RECEIVES} receives, then SQS's own redrive
 * takes it; now and then an acknowledged message is delivered once more) against the simulator's
 * soak recharges, which hold their state as WeChat Pay does and meet random faults: 500s, 429s,
 * connections reset before and after the close took effect, answers too late, bad signatures.
 * Seeded: a failure names its seed, and {@code -Dsoak.seed=…} replays it (the faults each recharge
 * meets follow from the seed; only timing may differ).
 */
@QuarkusTest
@TestProfile(SqsHandlerProfile.class)
@WithTestResource(value = DeadLetterQueueResource.class, initArgs = {@ResourceArg(name = "queue", value = "soak-dlq"),
        @ResourceArg(name = "timeout", value = "500ms")})
class SoakTest {

    private static final int MESSAGES = 300;
    private static final int MAX_RECEIVES = 5;
    private static final double DUPLICATE_RATE = 0.05;
    /** "Nearly every": a closable recharge may still run out of receives when faults strike every attempt five times over. */
    private static final double CLOSED_AT_LEAST = 0.97;
    /** {@code -Dsoak.fault-scale=0.5} halves every fault's share (0: no faults), for the benchmark's comparison. */
    private static final double FAULT_SCALE = Double.parseDouble(System.getProperty("soak.fault-scale", "1"));

    private enum Kind { CLOSABLE, PAID, GONE, INVALID }

    private record Command(String messageId, String body, Kind kind, String outRechargeNo) {
    }

    private record Delivery(Command command, int receiveCount, boolean duplicate) {
    }

    @Test
    void acknowledgesOnlyClosedRechargesLosesNothingAndDeadLettersFinalFailuresAtOnce() throws Exception {
        long seed = Long.getLong("soak.seed", new SecureRandom().nextLong());
        String replay = " (replay: -Dsoak.seed=" + seed + ")";
        Random random = new Random(seed);
        WeChatPaySimulator simulator = DeadLetterQueueResource.simulator();
        SoakWechatPay wechatPay = new SoakWechatPay((outRechargeNo, call) -> fault(seed, outRechargeNo, call), simulator.slowDelay());
        simulator.answerFirst(wechatPay);
        List<Command> commands = commands(random);

        List<Delivery> queue = new ArrayList<>(commands.stream().map(command -> new Delivery(command, 1, false)).toList());
        Map<String, Integer> ackedAtReceive = new HashMap<>();
        Set<String> duplicated = new HashSet<>();
        Set<String> redriven = new HashSet<>();
        List<String> ackedNotClosed = new ArrayList<>();
        int deliveries = 0;
        int batches = 0;
        long start = System.nanoTime();
        while (!queue.isEmpty()) {
            List<Delivery> batch = new ArrayList<>();
            while (batch.size() < 10 && !queue.isEmpty()) {
                batch.add(queue.remove(random.nextInt(queue.size()))); // a standard queue keeps no order
            }
            List<String> failed = MockLambda.failedIds(event(batch));
            deliveries += batch.size();
            batches++;
            for (Delivery delivery : batch) {
                Command command = delivery.command();
                if (failed.contains(command.messageId())) {
                    if (delivery.receiveCount() >= MAX_RECEIVES) {
                        redriven.add(command.messageId());
                    } else {
                        queue.add(new Delivery(command, delivery.receiveCount() + 1, delivery.duplicate()));
                    }
                    continue;
                }
                if (command.kind() == Kind.CLOSABLE && !wechatPay.state(command.outRechargeNo()).equals(Optional.of("CLOSED"))) {
                    ackedNotClosed.add(command.messageId());
                }
                if (!delivery.duplicate()) {
                    ackedAtReceive.put(command.messageId(), delivery.receiveCount());
                }
                if (!delivery.duplicate() && random.nextDouble() < DUPLICATE_RATE && duplicated.add(command.messageId())) {
                    queue.add(new Delivery(command, 1, true));
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, List<Message>> dead = DeadLetterQueueResource.moto().drain(DeadLetterQueueResource.queueUrl()).stream()
                .collect(Collectors.groupingBy(message -> DeadLetterQueueTest.attribute(message, "original_message_id")));

        long closable = commands.stream().filter(command -> command.kind() == Kind.CLOSABLE).count();
        long closed = commands.stream().filter(command -> command.kind() == Kind.CLOSABLE && ackedAtReceive.containsKey(command.messageId())).count();
        System.out.printf("SOAK seed=%d messages=%d deliveries=%d batches=%d duplicates=%d elapsed=%.1fs messages/s=%.1f deliveries/s=%.1f"
                + " closed=%d/%d dead-lettered=%d redriven=%d%n", seed, commands.size(), deliveries, batches, duplicated.size(), seconds,
                commands.size() / seconds, deliveries / seconds, closed, closable, dead.size(), redriven.size());

        assertEquals(List.of(), ackedNotClosed, "acknowledged while the simulator did not hold the recharge CLOSED" + replay);
        for (Command command : commands) {
            String id = command.messageId();
            assertTrue(ackedAtReceive.containsKey(id) || redriven.contains(id), "lost: " + command + replay);
            if (command.kind() == Kind.CLOSABLE || command.kind() == Kind.PAID) {
                assertTrue(!dead.containsKey(id), "a closable or paid recharge in the dead-letter queue: " + command + replay);
                continue;
            }
            assertTrue(!redriven.contains(id), "a final failure went round " + MAX_RECEIVES + " times: " + command + replay);
            List<Message> letters = dead.get(id);
            assertTrue(letters != null, "acknowledged without a dead letter: " + command + replay);
            for (Message letter : letters) {
                assertEquals(command.body(), letter.body(), replay);
                assertEquals(expectedCode(command.kind()), DeadLetterQueueTest.attribute(letter, "error_code"), command + replay);
            }
            assertTrue(letters.size() <= (duplicated.contains(id) ? 2 : 1), "one dead letter per delivery that settled it: " + command + replay);
            if (command.kind() == Kind.INVALID) {
                assertEquals(1, ackedAtReceive.get(id), "an invalid command needs no second look: " + command + replay);
            }
        }
        assertTrue(closed >= CLOSED_AT_LEAST * closable, closed + " of " + closable + " closable recharges closed" + replay);
    }

    private static String expectedCode(Kind kind) {
        return switch (kind) {
            case GONE -> "ORDER_NOT_EXIST";
            default -> "INVALID_ARGUMENT";
        };
    }

    /** The fault a call meets, from the seed, the recharge and the call's number alone: the same whatever order calls arrive in. */
    static Fault fault(long seed, String outRechargeNo, int call) {
        double draw = new SplittableRandom(seed ^ ((long) outRechargeNo.hashCode() << 20) ^ call).nextDouble() / FAULT_SCALE;
        double[] weights = {0.06, 0.04, 0.05, 0.06, 0.05, 0.04}; // 500, 429, reset before, reset after, late, bad signature: 30 % in all
        Fault[] faults = {Fault.ERROR_500, Fault.ERROR_429, Fault.RESET_BEFORE, Fault.RESET_AFTER, Fault.LATE_AFTER, Fault.BADSIG_AFTER};
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return faults[i];
            }
        }
        return Fault.NONE;
    }

    private static List<Command> commands(Random random) {
        List<Command> commands = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            double draw = random.nextDouble();
            Kind kind = draw < 0.80 ? Kind.CLOSABLE : draw < 0.88 ? Kind.PAID : draw < 0.94 ? Kind.GONE : Kind.INVALID;
            String outRechargeNo = switch (kind) {
                case CLOSABLE -> "SOAK" + i;
                case PAID -> "SOAKPAID" + i;
                case GONE -> "SOAKGONE" + i;
                case INVALID -> "SOAKBAD" + i;
            };
            String body = "{\"out_recharge_no\": \"" + outRechargeNo + "\", \"sub_mchid\": \"1900001121\"}";
            if (kind == Kind.INVALID) {
                body = switch (i % 3) {
                    case 0 -> body + " {\"out_recharge_no\": \"SOAK" + i + "x\"}";
                    case 1 -> body.replace("1900001121", "19000a1121");
                    default -> "close " + outRechargeNo;
                };
            }
            commands.add(new Command(String.format("soak-%05d", i), body, kind, outRechargeNo));
        }
        return commands;
    }

    private static ObjectNode event(List<Delivery> batch) {
        ObjectNode event = Events.sqsBatch(batch.stream().map(delivery -> delivery.command().outRechargeNo()).toList());
        ArrayNode records = (ArrayNode) event.get("Records");
        for (int i = 0; i < batch.size(); i++) {
            ObjectNode record = (ObjectNode) records.get(i);
            record.put("messageId", batch.get(i).command().messageId());
            record.put("body", batch.get(i).command().body());
            record.with("attributes").put("ApproximateReceiveCount", Integer.toString(batch.get(i).receiveCount()));
        }
        return event;
    }
}
