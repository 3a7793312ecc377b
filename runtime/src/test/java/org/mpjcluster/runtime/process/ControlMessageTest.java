package org.mpjcluster.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every control message reads back as written, and a frame that is not one is refused. */
class ControlMessageTest {

    static Stream<ControlMessage> messages() {
        List<ControlMessage.Address> addresses = List.of(new ControlMessage.Address("tcp", 0, "127.0.0.1:4000"),
            new ControlMessage.Address("tcp", 1, "127.0.0.1:4001"));
        return Stream.of(
            new ControlMessage.Hello("00ff", 3),
            new ControlMessage.Job("job-1", 4, 2, 2, "/a.jar:/b", "app.Main", List.of("x", "two words", "\u00e9"),
                true, "10.0.0.2:2552", 3000),
            new ControlMessage.Published(addresses),
            new ControlMessage.Table(addresses),
            new ControlMessage.Failure(-1, 255, "the job did not finish"),
            new ControlMessage.Outcome(2, 1, "java.lang.IllegalStateException: boom\n\tat Main.main"),
            new ControlMessage.InputWanted());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void readsBackWhatWasWritten(ControlMessage message) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ControlDescriptor.writeFrame(new DataOutputStream(bytes), message);

        ControlMessage read = ControlDescriptor.readFrame(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertEquals(message, read);
    }

    @Test
    void refusesAFrameLongerThanTheLimit() {
        byte[] huge = {0x7f, 0, 0, 0, ControlDescriptor.HELLO};

        assertThrows(IOException.class,
            () -> ControlDescriptor.readFrame(new DataInputStream(new ByteArrayInputStream(huge))));
    }
}
