package mpi;

import java.util.function.Function;
import org.mpjcluster.engine.Communicator;
import org.mpjcluster.engine.MpiProcess;

/** An intracommunicator: a communicator within one group of processes. */
public class Intracomm extends Comm {

    Intracomm(MpiProcess process, Communicator communicator) {
        super(process, communicator);
    }

    Intracomm(Function<MpiProcess, Communicator> route) {
        super(route);
    }
}
