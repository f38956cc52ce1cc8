package dev.arena.lobby.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arena.model.codes.ErrorCode;
import dev.arena.service.error.ApiException;

/** A validated feedback post: rating 1 to 5, a message of 1 to 2,000 characters, an optional contact up to 200. */
public record FeedbackSubmission(int rating, String message, String contact) {

    public static final int MAX_MESSAGE = 2000;
    public static final int MAX_CONTACT = 200;

    /**
     * Checks a request body strictly (protocol conventions: a rating is an integer, not a string),
     * throwing {@code validation_failed} with the first problem found.
     */
    public static FeedbackSubmission from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("the body must be a JSON object");
        }
        JsonNode rating = body.get("rating");
        if (rating == null || !rating.isIntegralNumber() || rating.asInt() < 1 || rating.asInt() > 5 || !rating.canConvertToInt()) {
            throw invalid("rating must be a whole number from 1 to 5");
        }
        JsonNode message = body.get("message");
        if (message == null || !message.isTextual() || message.asText().isBlank()) {
            throw invalid("message must not be empty");
        }
        String text = message.asText().strip();
        if (text.codePointCount(0, text.length()) > MAX_MESSAGE) {
            throw invalid("message must be at most " + MAX_MESSAGE + " characters");
        }
        JsonNode contactNode = body.get("contact");
        String contact = null;
        if (contactNode != null && !contactNode.isNull()) {
            if (!contactNode.isTextual()) {
                throw invalid("contact must be a string");
            }
            contact = contactNode.asText().strip();
            if (contact.codePointCount(0, contact.length()) > MAX_CONTACT) {
                throw invalid("contact must be at most " + MAX_CONTACT + " characters");
            }
            if (contact.isEmpty()) {
                contact = null;
            }
        }
        if (hasControl(text, true) || (contact != null && hasControl(contact, false))) {
            throw invalid("text must not contain control characters");
        }
        return new FeedbackSubmission(rating.asInt(), text, contact);
    }

    // Newlines and tabs are fine in a message, never in a contact.
    private static boolean hasControl(String s, boolean allowLineBreaks) {
        return s.codePoints().anyMatch(c -> Character.isISOControl(c)
                && !(allowLineBreaks && (c == '\n' || c == '\r' || c == '\t')));
    }

    private static ApiException invalid(String problem) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, problem);
    }
}
