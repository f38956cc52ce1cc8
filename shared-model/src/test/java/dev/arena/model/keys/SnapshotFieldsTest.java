package dev.arena.model.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SnapshotFieldsTest {

    @Test
    void aPlayerFieldIsPrefixedWithItsId() {
        assertEquals("p:5f0c8a1e", SnapshotFields.player("5f0c8a1e"));
        assertEquals("5f0c8a1e", SnapshotFields.playerIdOf("p:5f0c8a1e"));
        assertNull(SnapshotFields.playerIdOf(SnapshotFields.ENDS_AT));
        assertNull(SnapshotFields.playerIdOf("p:"));
        assertNull(SnapshotFields.playerIdOf(null));
    }

    @Test
    void aPlayerValueIsXYScoreHits() {
        SnapshotFields.PlayerValue value = new SnapshotFields.PlayerValue(123.5, 456.25, 7, 2);
        assertEquals("123.5,456.25,7,2", value.encode());
        assertEquals(value, SnapshotFields.PlayerValue.parse("123.5,456.25,7,2"));
    }

    @Test
    void aValueOfAnotherFormIsNoPlayerValue() {
        assertNull(SnapshotFields.PlayerValue.parse(null));
        assertNull(SnapshotFields.PlayerValue.parse("1.0,2.0,3"));
        assertNull(SnapshotFields.PlayerValue.parse("1.0,2.0,3,4,"));
        assertNull(SnapshotFields.PlayerValue.parse("1.0,2.0,x,4"));
    }
}
