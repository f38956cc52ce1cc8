package dev.arena.model.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.model.api.ApiError;
import dev.arena.model.api.GuestRequest;
import dev.arena.model.api.GuestResponse;
import dev.arena.model.codes.ErrorCode;
import dev.arena.model.protocol.Colors;
import dev.arena.model.protocol.ErrorMessage;
import dev.arena.model.protocol.GameClientMessage;
import dev.arena.model.protocol.GameClientMessage.Input;
import dev.arena.model.protocol.GameServerMessage;
import dev.arena.model.protocol.LobbyClientMessage;
import dev.arena.model.protocol.LobbyServerMessage;
import dev.arena.model.protocol.SnapshotPlayer;
import dev.arena.model.protocol.SnapshotProjectile;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec();

    // --- round trips --------------------------------------------------------------------------

    @Test
    void everyGameClientMessageRoundTrips() {
        roundTrips(Samples.GAME_CLIENT, codec::decodeGameClient, GameClientMessage.class);
    }

    @Test
    void everyGameServerMessageRoundTrips() {
        roundTrips(Samples.GAME_SERVER, codec::decodeGameServer, GameServerMessage.class);
    }

    @Test
    void everyLobbyClientMessageRoundTrips() {
        roundTrips(Samples.LOBBY_CLIENT, codec::decodeLobbyClient, LobbyClientMessage.class);
    }

    @Test
    void everyLobbyServerMessageRoundTrips() {
        roundTrips(Samples.LOBBY_SERVER, codec::decodeLobbyServer, LobbyServerMessage.class);
    }

    @Test
    void restDtosRoundTrip() {
        List<Object> dtos = List.of(
                ApiError.of(ErrorCode.CONFLICT, "already queued"),
                new GuestRequest("Ada", new Colors("#ff0000", "#00ff00")),
                new GuestRequest(null, null),
                new GuestResponse("eyJ.x.y", Samples.ADA, 1_700_000_000L));
        for (Object dto : dtos) {
            assertEquals(dto, codec.decode(codec.encode(dto), dto.getClass()));
        }
    }

    @Test
    void encodeBytesIsTheUtf8OfEncode() {
        for (GameServerMessage message : Samples.GAME_SERVER) {
            assertArrayEquals(codec.encode(message).getBytes(StandardCharsets.UTF_8), codec.encodeBytes(message));
        }
    }

    private static <M> void roundTrips(List<? extends M> samples, Function<String, M> decode, Class<M> sealed) {
        Set<Class<?>> covered = new HashSet<>();
        for (M message : samples) {
            String json = new MessageCodec().encode(message);
            assertEquals(message, decode.apply(json), json);
            covered.add(message.getClass());
        }
        // A new message type must get a sample here, or this fails.
        assertEquals(Set.of(sealed.getPermittedSubclasses()), covered);
    }

    // --- exact wire forms ---------------------------------------------------------------------

    @Test
    void inputHasTheDesignsWireForm() {
        String wire = "{\"t\":\"in\",\"seq\":17,\"up\":true,\"down\":false,\"left\":false,\"right\":true,\"aim\":1.57,\"fire\":false}";
        Input input = new Input(17, true, false, false, true, 1.57, false);
        assertEquals(wire, codec.encode(input));
        assertEquals(input, codec.decodeGameClient(wire));
    }

    @Test
    void snapshotHasTheDesignsWireForm() {
        GameServerMessage.Snapshot snap = new GameServerMessage.Snapshot(1234,
                List.of(new SnapshotPlayer("p1", 100.5, 200.0, 0.5, 3, 17)),
                List.of(new SnapshotProjectile(7, 1.0, 2.0, 600.0, 0.0, "p1")));
        assertEquals("{\"t\":\"snap\",\"tick\":1234,"
                + "\"players\":[{\"id\":\"p1\",\"x\":100.5,\"y\":200.0,\"aim\":0.5,\"score\":3,\"seq\":17}],"
                + "\"proj\":[{\"id\":7,\"x\":1.0,\"y\":2.0,\"vx\":600.0,\"vy\":0.0,\"owner\":\"p1\"}]}",
                codec.encode(snap));
    }

    @Test
    void otherTypeNamesAreTheDocumentedOnes() {
        assertTrue(codec.encode(Samples.GAME_SERVER.get(0)).startsWith("{\"t\":\"start\",\"roomId\":\"r1\""));
        assertEquals("{\"t\":\"ping\",\"id\":3,\"clientTime\":5}", codec.encode(new GameClientMessage.Ping(3, 5)));
        assertEquals("{\"t\":\"pong\",\"id\":3,\"clientTime\":5,\"serverTime\":6}",
                codec.encode(new GameServerMessage.Pong(3, 5, 6)));
        assertEquals("{\"t\":\"end\",\"roomId\":\"r\",\"scores\":[{\"id\":\"p\",\"name\":\"P\",\"score\":1}]}",
                codec.encode(new GameServerMessage.End("r", List.of(new dev.arena.model.protocol.FinalScore("p", "P", 1)))));
        assertEquals("{\"t\":\"err\",\"code\":\"not_in_room\",\"message\":\"not a member\"}",
                codec.encode(ErrorMessage.of(ErrorCode.NOT_IN_ROOM, "not a member")));
        assertEquals("{\"t\":\"ping\"}", codec.encode(new LobbyClientMessage.Ping()));
        assertEquals("{\"t\":\"pong\"}", codec.encode(new LobbyServerMessage.Pong()));
        assertEquals("{\"t\":\"queue.status\",\"status\":\"in_room\",\"position\":0,\"queued\":4,\"waitedMs\":0}",
                codec.encode(new LobbyServerMessage.QueueStatus(dev.arena.model.state.PlayerStatus.IN_ROOM, 0, 4, 0)));
        assertEquals("{\"t\":\"match.ready\",\"roomId\":\"r1\",\"nodeId\":\"game-0\",\"url\":\"/game/game-0/r1\"}",
                codec.encode(LobbyServerMessage.MatchReady.of("r1", "game-0")));
    }

    @Test
    void nullFieldsAreLeftOut() {
        String update = codec.encode(Samples.LOBBY_SERVER.get(3));
        assertEquals("{\"t\":\"room.update\",\"roomId\":\"r1\",\"state\":\"starting\",\"members\":[{\"id\":\"p1\","
                + "\"name\":\"Ada\",\"colors\":{\"primary\":\"#ff0000\",\"secondary\":\"#00ff00\"}}],"
                + "\"message\":\"waiting for a free game node\"}", update);
        assertEquals("{}", codec.encode(new GuestRequest(null, null)));
        assertEquals("{\"name\":\"Ada\"}", codec.encode(new GuestRequest("Ada", null)));
    }

    @Test
    void absentListsDecodeAsEmptyAndUnknownFieldsAreIgnored() {
        assertEquals(new GameServerMessage.Snapshot(5, List.of(), List.of()),
                codec.decodeGameServer("{\"t\":\"snap\",\"tick\":5}"));
        assertEquals(new GameClientMessage.Ping(1, 2),
                codec.decodeGameClient("{\"clientTime\":2,\"extra\":{\"a\":[1,2]},\"id\":1,\"t\":\"ping\"}"));
        assertEquals(new LobbyClientMessage.Ping(), codec.decodeLobbyClient(" {\"t\":\"ping\",\"v\":2} \n"));
    }

    // --- bad input ----------------------------------------------------------------------------

    private static final String VALID_IN =
            "{\"t\":\"in\",\"seq\":1,\"up\":false,\"down\":false,\"left\":false,\"right\":false,\"aim\":0.0,\"fire\":false}";

    /** A complete {@code in} frame with one field's raw JSON replaced. */
    private static String in(String field, String rawValue) {
        String replaced = VALID_IN.replaceFirst("\"" + field + "\":[^,}]+", "\"" + field + "\":" + rawValue);
        assertFalse(replaced.equals(VALID_IN) && !rawValue.equals("false"), "no field " + field);
        return replaced;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{not json}", "{\"t\":\"ping\"", "{\"t\":\"ping\",\"id\":1,\"clientTime\":2} x",
        "{\"t\":\"ping\",\"id\":1,\"clientTime\":2}{\"t\":\"ping\"}", "{\"t\":\"ping\",\"id\":1,\"clientTime\":2} []",
        "{\"t\":\"in\",\"aim\":NaN}", "{'t':'ping'}", "{\"t\":\"in\",\"seq\":01}"})
    void unparsableTextIsMalformedJson(String frame) {
        assertFails(ErrorCode.MALFORMED_JSON, () -> codec.decodeGameClient(frame));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"t\":\"ping\"} x", "{\"t\":\"ping\"}{\"t\":\"queue\"}", "{\"t\":\"queue\"} []",
        "{\"t\":\"leave\"}}", "{\"t\":\"ping\"}]", "{\"t\":\"ping\"} 1", "{\"t\":\"ping\"} \"x\"",
        "{\"id\":1,\"t\":\"ping\"} x"})
    void dataAfterALobbyFrameIsMalformedJson(String frame) {
        assertFails(ErrorCode.MALFORMED_JSON, () -> codec.decodeLobbyClient(frame));
    }

    @Test
    void aCompleteFrameDecodes() {
        assertEquals(new Input(1, false, false, false, false, 0, false), codec.decodeGameClient(VALID_IN));
    }

    @Test
    void nullTextIsMalformedJson() {
        assertFails(ErrorCode.MALFORMED_JSON, () -> codec.decodeLobbyClient(null));
    }

    @Test
    void unknownTypeIsNamedBack() {
        ProtocolException e = assertFails(ErrorCode.UNKNOWN_MESSAGE, () -> codec.decodeGameClient("{\"t\":\"x\"}"));
        assertEquals("unknown message type 'x'", e.getMessage());
        String longType = "y".repeat(500);
        e = assertFails(ErrorCode.UNKNOWN_MESSAGE, () -> codec.decodeGameClient("{\"t\":\"" + longType + "\"}"));
        assertTrue(e.getMessage().length() < 80, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"seq\":1,\"aim\":0}", "{}", "{\"t\":null}", "[1]", "\"in\"", "null", "42",
        "{\"t\":\"snap\",\"tick\":1}", "{\"t\":\"IN\"}", "{\"t\":\"queue.status\"}", "{\"t\":{}}",
        "{\"t\":[\"in\"]}"})
    void missingUnknownOrWrongDirectionTypeIsUnknownMessage(String frame) {
        assertFails(ErrorCode.UNKNOWN_MESSAGE, () -> codec.decodeGameClient(frame));
    }

    @Test
    void missingTypeSaysSo() {
        ProtocolException e = assertFails(ErrorCode.UNKNOWN_MESSAGE, () -> codec.decodeGameClient("{\"seq\":1}"));
        assertEquals("message type 't' is missing", e.getMessage());
    }

    @Test
    void messagesOfOneSocketAreUnknownOnTheOther() {
        assertFails(ErrorCode.UNKNOWN_MESSAGE, () -> codec.decodeLobbyClient("{\"t\":\"in\",\"seq\":1}"));
        assertFails(ErrorCode.UNKNOWN_MESSAGE, () -> codec.decodeLobbyServer(codec.encode(Samples.GAME_SERVER.get(1))));
        assertFails(ErrorCode.UNKNOWN_MESSAGE, () -> codec.decodeGameServer(codec.encode(Samples.LOBBY_SERVER.get(0))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "seq|\"abc\"", "seq|\"17\"", "seq|1.5", "seq|null", "seq|123456789012345678901234567890", "seq|1e3",
        "up|1", "up|\"true\"", "up|null", "aim|\"1.5\"", "aim|{}", "aim|null", "fire|[]"})
    void wrongTypesAreInvalidValue(String field, String rawValue) {
        assertFails(ErrorCode.INVALID_VALUE, () -> codec.decodeGameClient(in(field, rawValue)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"seq", "up", "down", "left", "right", "aim", "fire"})
    void missingFieldsAreInvalidValue(String field) {
        String frame = VALID_IN.replaceFirst(",\"" + field + "\":[^,}]+", "");
        ProtocolException e = assertFails(ErrorCode.INVALID_VALUE, () -> codec.decodeGameClient(frame));
        assertEquals("missing or invalid value for '" + field + "'", e.getMessage());
    }

    @Test
    void wrongTypeNamesTheField() {
        ProtocolException e = assertFails(ErrorCode.INVALID_VALUE, () -> codec.decodeGameClient(in("seq", "\"abc\"")));
        assertEquals("missing or invalid value for 'seq'", e.getMessage());
        e = assertFails(ErrorCode.INVALID_VALUE,
                () -> codec.decodeGameServer("{\"t\":\"snap\",\"tick\":1,\"players\":[{\"id\":\"p\",\"x\":\"far\"}]}"));
        assertEquals("missing or invalid value for 'players[0].x'", e.getMessage());
    }

    @Test
    void nonFiniteAimIsInvalidValue() {
        for (String aim : new String[] {"1e999", "-1e999", "\"NaN\"", "\"Infinity\""}) {
            ProtocolException e = assertFails(ErrorCode.INVALID_VALUE,
                    () -> codec.decodeGameClient(in("aim", aim)));
            if (!aim.startsWith("\"")) {
                assertEquals("aim must be a finite number", e.getMessage());
            }
        }
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> new Input(1, false, false, false, false, Double.NaN, false));
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertEquals("aim must be a finite number", e.getMessage());
        assertThrows(ProtocolException.class,
                () -> new Input(1, false, false, false, false, Double.NEGATIVE_INFINITY, false));
    }

    @Test
    void negativeSeqIsInvalidValue() {
        ProtocolException e = assertFails(ErrorCode.INVALID_VALUE,
                () -> codec.decodeGameClient(in("seq", "-1")));
        assertEquals("seq must not be negative", e.getMessage());
    }

    @Test
    void missingRequiredFieldsAndUnknownEnumValuesAreInvalidValue() {
        ProtocolException e = assertFails(ErrorCode.INVALID_VALUE,
                () -> codec.decodeLobbyServer("{\"t\":\"match.ready\",\"roomId\":\"r1\"}"));
        assertEquals("nodeId is required", e.getMessage());
        assertFails(ErrorCode.INVALID_VALUE, () -> codec.decodeLobbyServer("{\"t\":\"queue.status\",\"status\":\"bogus\"}"));
        assertFails(ErrorCode.INVALID_VALUE, () -> codec.decodeLobbyServer(
                "{\"t\":\"room.update\",\"roomId\":\"r\",\"state\":\"waiting\",\"members\":[null]}"));
        String start = codec.encode(Samples.GAME_SERVER.get(0)).replace("\"arenaWidth\":1600.0", "\"arenaWidth\":-1");
        e = assertFails(ErrorCode.INVALID_VALUE, () -> codec.decodeGameServer(start));
        assertTrue(e.getMessage().startsWith("arenaWidth must be"), e.getMessage());
    }

    @Test
    void restDtosReportWrongShapesAsInvalidValue() {
        assertFails(ErrorCode.INVALID_VALUE, () -> codec.decode("{\"name\":5}", GuestRequest.class));
        assertFails(ErrorCode.INVALID_VALUE, () -> codec.decode("[]", GuestRequest.class));
        assertFails(ErrorCode.INVALID_VALUE, () -> codec.decode("{\"colors\":\"red\"}", GuestRequest.class));
        assertFails(ErrorCode.MALFORMED_JSON, () -> codec.decode("{\"name\":", GuestRequest.class));
        assertEquals(new GuestRequest("Ada", null), codec.decode("{\"name\":\"Ada\",\"x\":1}", GuestRequest.class));
    }

    private static ProtocolException assertFails(ErrorCode expected, Runnable decode) {
        ProtocolException e = assertThrows(ProtocolException.class, decode::run);
        assertEquals(expected, e.code(), e.getMessage());
        // Messages go back to clients: no Jackson text, class or package names.
        String message = e.getMessage();
        assertFalse(message.contains("jackson") || message.contains("dev.arena") || message.contains("Exception")
                || message.contains("java."), message);
        assertTrue(message.length() <= 80, message);
        return e;
    }
}
