package dev.arena.model.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arena.model.protocol.GameClientMessage;
import dev.arena.model.protocol.GameClientMessage.Input;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputFramesTest {

    private static final int ROUNDS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MessageCodec codec = new MessageCodec();

    @Test
    void writesWhatTheCodecWritesAndReadsItBack() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < ROUNDS; i++) {
            Input input = randomInput(random);
            String written = write(input);
            assertEquals(codec.encode(input), written);
            assertEquals(input, InputFrames.read(written));
        }
    }

    /** Numbers as a browser writes them (shortest round-trip form, exponents for small and large values) read as the JDK reads them. */
    @Test
    void readsEveryNumberFormExactlyAsTheJdk() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < ROUNDS; i++) {
            String aim = switch (i % 5) {
                case 0 -> Double.toString(random.nextDouble(-Math.PI, Math.PI));
                case 1 -> String.format("%.3f", random.nextDouble(-4, 4));
                case 2 -> (random.nextBoolean() ? "-" : "") + random.nextInt(1, 9) + "e-" + random.nextInt(1, 30);
                case 3 -> random.nextInt(-3, 4) + "";
                default -> "0." + "0".repeat(random.nextInt(0, 6)) + random.nextLong(1, Long.MAX_VALUE);
            };
            String frame = "{\"t\":\"in\",\"seq\":" + i + ",\"up\":true,\"down\":false,\"left\":false,\"right\":true,\"aim\":"
                    + aim + ",\"fire\":false}";
            Input read = InputFrames.read(frame);
            assertEquals(JSON.readTree(frame).get("aim").doubleValue(), read.aim(), frame);
            assertEquals(codec.decodeGameClient(frame), read);
        }
    }

    /** Anything but the canonical form (and any invalid input) is left to the codec's general path. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"t\":\"in\",\"seq\":-1,\"up\":true,\"down\":false,\"left\":false,\"right\":true,\"aim\":0,\"fire\":false}",
        "{\"t\":\"in\",\"seq\":01,\"up\":true,\"down\":false,\"left\":false,\"right\":true,\"aim\":0,\"fire\":false}",
        "{\"t\":\"in\",\"seq\":1.5,\"up\":true,\"down\":false,\"left\":false,\"right\":true,\"aim\":0,\"fire\":false}",
        "{\"t\":\"in\",\"seq\":1234567890123456789012,\"up\":true,\"down\":false,\"left\":false,\"right\":true,\"aim\":0,\"fire\":false}",
        "{\"t\":\"in\",\"seq\":1,\"up\":1,\"down\":false,\"left\":false,\"right\":true,\"aim\":0,\"fire\":false}",
        "{\"t\":\"in\",\"seq\":1,\"up\":true,\"down\":false,\"left\":false,\"right\":true,\"aim\":1e999,\"fire\":false}",
        "{\"t\":\"in\",\"seq\":1,\"up\":true,\"down\":false,\"left\":false,\"right\":true,\"aim\":01,\"fire\":false}",
        "{\"t\":\"in\",\"seq\":1,\"up\":true,\"down\":false,\"left\":false,\"right\":true,\"aim\":1.,\"fire\":false}",
        "{\"t\":\"in\",\"seq\":1,\"up\":true,\"down\":false,\"left\":false,\"right\":true,\"aim\":.5,\"fire\":false}",
        "{\"t\":\"in\",\"seq\":1,\"up\":true,\"down\":false,\"left\":false,\"right\":true,\"aim\":1e,\"fire\":false}",
        "{\"t\":\"in\",\"seq\":1,\"up\":true,\"down\":false,\"left\":false,\"right\":true,\"aim\":\"1\",\"fire\":false}",
        "{\"t\":\"in\",\"seq\":1,\"up\":true,\"down\":false,\"left\":false,\"right\":true,\"aim\":0,\"fire\":false} ",
        "{\"t\":\"in\",\"seq\":1,\"up\":true,\"down\":false,\"left\":false,\"right\":true,\"aim\":0,\"fire\":false}{}",
        "{\"t\":\"in\",\"seq\":1,\"up\":true,\"down\":false,\"left\":false,\"right\":true,\"aim\":0,\"fire\":false,\"x\":1}",
        "{\"t\":\"in\",\"seq\":1,\"down\":false,\"up\":true,\"left\":false,\"right\":true,\"aim\":0,\"fire\":false}",
        "{\"t\":\"in\", \"seq\":1,\"up\":true,\"down\":false,\"left\":false,\"right\":true,\"aim\":0,\"fire\":false}",
        "{\"t\":\"in\",\"seq\":1,\"up\":true,\"down\":false,\"left\":false,\"right\":true,\"aim\":0,\"fire\":fals",
        "{\"t\":\"ping\",\"id\":1,\"clientTime\":2}", ""})
    void leavesEverythingElseToTheCodec(String frame) {
        assertNull(InputFrames.read(frame));
    }

    @Test
    void theCodecStillDecodesOtherFormsOfAnInput() {
        String spaced = "{ \"t\": \"in\", \"fire\": true, \"aim\": 0.5, \"seq\": 3, \"up\": false, \"down\": true,"
                + " \"left\": false, \"right\": false }";
        assertEquals(new Input(3, false, true, false, false, 0.5, true), codec.decodeGameClient(spaced));
        assertEquals(new GameClientMessage.Ping(1, 2), codec.decodeGameClient("{\"t\":\"ping\",\"id\":1,\"clientTime\":2}"));
    }

    private static Input randomInput(SplittableRandom random) {
        return new Input(random.nextLong(0, 1_000_000_000_000_000_000L >> random.nextInt(0, 59)), random.nextBoolean(), random.nextBoolean(),
                random.nextBoolean(), random.nextBoolean(), random.nextDouble(-Math.PI, Math.PI), random.nextBoolean());
    }

    private static String write(Input in) {
        return InputFrames.write(new StringBuilder(), in.seq(), in.up(), in.down(), in.left(), in.right(), in.aim(), in.fire())
                .toString();
    }
}
