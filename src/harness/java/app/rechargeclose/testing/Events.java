package app.rechargeclose.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Real AWS event samples: the newcomer's ones under events/, the tests' own under src/test/resources/events/. */
public final class Events {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    public static ObjectNode sample(String name) {
        return read(Path.of("events", name));
    }

    public static ObjectNode fixture(String name) {
        return read(Path.of("src", "test", "resources", "events", name));
    }

    /** The sample close event with another out_recharge_no, in both the path and the path parameters. */
    public static ObjectNode closeEvent(String outRechargeNo) {
        return forRecharge(sample("http-close.json"), outRechargeNo);
    }

    /** An http event about another out_recharge_no, in both the path and the path parameters. */
    public static ObjectNode forRecharge(ObjectNode event, String outRechargeNo) {
        String path = "/recharges/" + outRechargeNo + "/close";
        event.put("rawPath", path);
        ((ObjectNode) event.with("requestContext").with("http")).put("path", path);
        event.with("pathParameters").put("out_recharge_no", outRechargeNo);
        return event;
    }

    /** The sample SQS batch, its messages replaced by one close per out_recharge_no, each with its own message id. */
    public static ObjectNode sqsBatch(List<String> outRechargeNos) {
        ObjectNode event = sample("sqs-batch.json");
        ArrayNode records = (ArrayNode) event.get("Records");
        ObjectNode template = (ObjectNode) records.get(0);
        records.removeAll();
        for (String outRechargeNo : outRechargeNos) {
            ObjectNode message = template.deepCopy();
            message.put("messageId", "message-" + outRechargeNo);
            message.put("body", "{\"out_recharge_no\": \"" + outRechargeNo + "\", \"sub_mchid\": \"1900001121\"}");
            records.add(message);
        }
        return event;
    }

    private static ObjectNode read(Path path) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
