package app.rechargeclose.recharge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Random;
import java.util.stream.DoubleStream;

import org.junit.jupiter.api.Test;

/**
 * An image every instance starts from (a native image's heap, a VM snapshot) copies a generator's
 * state into every instance. Serialising a generator and reading it back twice makes two such copies: a state-only generator then draws the
 * same waits in both, so the instances would retry in step; the jitter's must not.
 */
class JitterTest {

    @Test
    void twoCopiesOfTheJitterSourceDrawDifferentWaits() throws Exception {
        Random source = new Jitter().source();

        assertNotEquals(draws(copyOf(source)), draws(copyOf(source)));
    }

    @Test
    void twoCopiesOfAStateOnlyGeneratorDrawTheSameWaits() throws Exception {
        Random seeded = new Random(42);

        assertEquals(draws(copyOf(seeded)), draws(copyOf(seeded)), "the copy check above would catch a state-only source");
    }

    private static java.util.List<Double> draws(Random random) {
        return DoubleStream.generate(random::nextDouble).limit(8).boxed().toList();
    }

    private static Random copyOf(Random random) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(random);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Random) in.readObject();
        }
    }
}
