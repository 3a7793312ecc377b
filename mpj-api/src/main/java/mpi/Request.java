package mpi;

import org.mpjcluster.engine.Communicator;
import org.mpjcluster.engine.Engine;
import org.mpjcluster.engine.Operation;
import org.mpjcluster.engine.Ranks;
import org.mpjcluster.engine.ReceiveOperation;

/**
 * A non-blocking operation in progress. After it completes through {@code Wait} or a successful
 * {@code Test}, a request becomes the null request ({@link #Is_null()}).
 */
public class Request {

    private final Engine engine;
    private final Communicator communicator;
    Operation operation;

    Request(Communicator communicator, Operation operation) {
        this.communicator = communicator;
        this.engine = communicator.engine();
        this.operation = operation;
    }

    /** Blocks until the operation completes; returns its status. */
    public Status Wait() throws MPIException {
        Operation current = operation;
        if (current == null) {
            return Status.empty();
        }
        engine.await(current);
        return finish();
    }

    /** Returns the status if the operation has completed, otherwise {@code null}. */
    public Status Test() throws MPIException {
        Operation current = operation;
        if (current == null) {
            return Status.empty();
        }
        return engine.test(current) ? finish() : null;
    }

    /** Cancels a pending receive that has not matched; sends cannot be cancelled and complete normally. */
    public void Cancel() throws MPIException {
        if (operation instanceof ReceiveOperation receive) {
            communicator.cancel(receive);
        }
    }

    /** Releases the request; the operation itself goes on. */
    public void Free() throws MPIException {
        operation = null;
    }

    /** Whether this is the null request (completed, freed, or never started). */
    public boolean Is_null() {
        return operation == null;
    }

    /** Turns the completed operation into a status, releasing the request; throws its error. */
    Status finish() {
        Operation done = operation;
        operation = null;
        Communicator.rethrow(done);
        return done instanceof ReceiveOperation receive ? Status.of(receive) : Status.empty();
    }

    /** Blocks until one request completes; its status carries its {@code index}. */
    public static Status Waitany(Request[] array_of_requests) throws MPIException {
        Operation[] operations = operations(array_of_requests);
        Engine engine = engineOf(array_of_requests);
        int index = engine == null ? -1 : engine.awaitAny(operations);
        if (index < 0) {
            return indexed(Status.empty(), Ranks.UNDEFINED);
        }
        return indexed(array_of_requests[index].finish(), index);
    }

    /** Blocks until every request completes; returns their statuses in order. */
    public static Status[] Waitall(Request[] array_of_requests) throws MPIException {
        for (Request request : array_of_requests) {
            if (request != null && request.operation != null) {
                request.engine.await(request.operation);
            }
        }
        return finishAll(array_of_requests, true);
    }

    /** Blocks until at least one request completes; returns the statuses of all that have. */
    public static Status[] Waitsome(Request[] array_of_requests) throws MPIException {
        Engine engine = engineOf(array_of_requests);
        if (engine == null || engine.awaitAny(operations(array_of_requests)) < 0) {
            return new Status[0];
        }
        return Testsome(array_of_requests);
    }

    /** The status of one completed request (with its {@code index}), or {@code null} if none has. */
    public static Status Testany(Request[] array_of_requests) throws MPIException {
        boolean anyActive = false;
        for (int i = 0; i < array_of_requests.length; i++) {
            Request request = array_of_requests[i];
            if (request != null && request.operation != null) {
                anyActive = true;
                if (request.engine.test(request.operation)) {
                    return indexed(request.finish(), i);
                }
            }
        }
        return anyActive ? null : indexed(Status.empty(), Ranks.UNDEFINED);
    }

    /** The statuses of all requests if every one has completed, otherwise {@code null}. */
    public static Status[] Testall(Request[] array_of_requests) throws MPIException {
        for (Request request : array_of_requests) {
            if (request != null && request.operation != null && !request.engine.test(request.operation)) {
                return null;
            }
        }
        return finishAll(array_of_requests, true);
    }

    /** The statuses (with {@code index}) of the requests that have completed; possibly empty. */
    public static Status[] Testsome(Request[] array_of_requests) throws MPIException {
        java.util.List<Status> done = new java.util.ArrayList<>();
        MPIException firstError = null;
        for (int i = 0; i < array_of_requests.length; i++) {
            Request request = array_of_requests[i];
            if (request != null && request.operation != null && request.engine.test(request.operation)) {
                try {
                    done.add(indexed(request.finish(), i));
                } catch (MPIException e) {
                    firstError = firstError == null ? e : firstError;
                }
            }
        }
        if (firstError != null) {
            throw firstError;
        }
        return done.toArray(new Status[0]);
    }

    private static Status[] finishAll(Request[] requests, boolean withIndex) {
        Status[] statuses = new Status[requests.length];
        MPIException firstError = null;
        for (int i = 0; i < requests.length; i++) {
            Request request = requests[i];
            try {
                statuses[i] = request == null || request.operation == null ? Status.empty() : request.finish();
            } catch (MPIException e) {
                firstError = firstError == null ? e : firstError;
                statuses[i] = Status.empty();
            }
            if (withIndex) {
                statuses[i].index = i;
            }
        }
        if (firstError != null) {
            throw firstError;
        }
        return statuses;
    }

    private static Status indexed(Status status, int index) {
        status.index = index;
        return status;
    }

    private static Operation[] operations(Request[] requests) {
        Operation[] operations = new Operation[requests.length];
        for (int i = 0; i < requests.length; i++) {
            operations[i] = requests[i] == null ? null : requests[i].operation;
        }
        return operations;
    }

    private static Engine engineOf(Request[] requests) {
        for (Request request : requests) {
            if (request != null && request.operation != null) {
                return request.engine;
            }
        }
        return null;
    }
}
