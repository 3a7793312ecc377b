package mpi;

import java.util.function.Supplier;
import org.mpjcluster.engine.Communicator;
import org.mpjcluster.engine.ErrorClass;
import org.mpjcluster.engine.Operation;

/**
 * A persistent request: created once by {@code Send_init} or {@code Recv_init}, started any number
 * of times with {@link #Start()}. Between runs it is inactive but not null.
 */
public class Prequest extends Request {

    private final Supplier<Operation> starter;
    private boolean freed;

    Prequest(Communicator communicator, Supplier<Operation> starter) {
        super(communicator, null);
        this.starter = starter;
    }

    /** Starts one run of the operation. */
    public void Start() throws MPIException {
        if (freed) {
            throw new MPIException(ErrorClass.REQUEST, "Start: the persistent request has been freed");
        }
        if (operation != null) {
            throw new MPIException(ErrorClass.REQUEST, "Start: the persistent request is still active; "
                + "complete it with Wait or Test before starting it again");
        }
        operation = starter.get();
    }

    /** Starts every request of {@code array_of_requests}. */
    public static void Startall(Prequest[] array_of_requests) throws MPIException {
        for (Prequest request : array_of_requests) {
            request.Start();
        }
    }

    @Override
    public void Free() throws MPIException {
        super.Free();
        freed = true;
    }

    @Override
    public boolean Is_null() {
        return freed;
    }
}
