package dev.arena.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Null-safe reads of a result file's JSON: an absent or mistyped field reads as null or empty, never throws. */
final class Fields {

    private Fields() {}

    /** The node at the path, or a MissingNode when any step of it is absent. */
    static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node == null ? MissingNode.getInstance() : node;
        for (String name : path) {
            current = current.path(name);
        }
        return current;
    }

    static Double num(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (!value.isNumber()) {
            return null;
        }
        double d = value.asDouble();
        return Double.isFinite(d) ? d : null;
    }

    static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String s = value.asText().strip();
        return s.isEmpty() ? null : s;
    }

    static Boolean bool(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isBoolean() ? value.asBoolean() : null;
    }

    /** The elements of the array at the path (empty when it is absent or not an array). */
    static List<JsonNode> array(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        List<JsonNode> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(out::add);
        }
        return out;
    }

    /** The first entry of {@code services} whose name starts with "game" (the game node), or a MissingNode. */
    static JsonNode gameService(JsonNode sample) {
        JsonNode services = at(sample, "services");
        Iterator<Map.Entry<String, JsonNode>> it = services.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().startsWith("game")) {
                return entry.getValue();
            }
        }
        return MissingNode.getInstance();
    }
}
