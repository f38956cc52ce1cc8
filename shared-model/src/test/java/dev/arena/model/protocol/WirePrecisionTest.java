package dev.arena.model.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WirePrecisionTest {

    @Test
    void writesWhatDoubleToStringGivesForTheRoundedValue() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 100_000; i++) {
            double value = switch (i % 4) {
                case 0 -> random.nextDouble(-2000, 2000);
                case 1 -> random.nextDouble(-Math.PI, Math.PI);
                case 2 -> random.nextDouble(-0.02, 0.02);
                default -> random.nextInt(-1600, 1600) + random.nextInt(0, 1000) / 1000.0;
            };
            for (int decimals : new int[] {WirePrecision.POSITION, WirePrecision.AIM, WirePrecision.VELOCITY}) {
                String written = WirePrecision.append(new StringBuilder(), value, decimals).toString();
                assertEquals(Double.toString(WirePrecision.round(value, decimals)), written, value + " to " + decimals);
                assertEquals(WirePrecision.round(value, decimals), Double.parseDouble(written));
            }
        }
    }

    @Test
    void roundsToTheNearestStep() {
        assertEquals(123.46, WirePrecision.round(123.456, WirePrecision.POSITION));
        assertEquals(-1.571, WirePrecision.round(-Math.PI / 2, WirePrecision.AIM));
        assertEquals("0.0", WirePrecision.append(new StringBuilder(), -0.001, WirePrecision.POSITION).toString());
        assertEquals("1600.0", WirePrecision.append(new StringBuilder(), 1600, WirePrecision.POSITION).toString());
        assertEquals("-0.05", WirePrecision.append(new StringBuilder(), -0.049, WirePrecision.POSITION).toString());
    }
}
