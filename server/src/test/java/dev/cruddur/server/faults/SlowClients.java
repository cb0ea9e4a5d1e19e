package dev.cruddur.server.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A slowloris: many connections that each start a request and then send one more byte every
 * {@code interval}, spread over several client addresses (127.0.0.2 and up: all of
 * 127.0.0.0/8 is loopback on Linux). When the server closes one, another of the same kind
 * takes its place, as an attacker's script would. It stops when closed.
 */
final class SlowClients implements AutoCloseable {

    /** One kind of slow request: what is sent at once, and the byte sent at every tick. */
    record Kind(String name, String start, String drip) {
    }

    private final InetAddress server;
    private final int port;
    private final Duration interval;
    private final List<Slot> slots = new ArrayList<>();
    private final AtomicInteger reopened = new AtomicInteger();
    private final Thread dripper;
    private volatile boolean running = true;

    /** One connection: its kind, the address it comes from, and the socket open now. */
    private record Slot(Kind kind, InetAddress from, Socket socket) {
    }

    /** Opens {@code count} connections, kinds and addresses taken in turn, then drips into them. */
    SlowClients(InetAddress server, int port, List<InetAddress> from, List<Kind> kinds, int count, Duration interval)
            throws IOException {
        this.server = server;
        this.port = port;
        this.interval = interval;
        for (int i = 0; i < count; i++) {
            slots.add(open(kinds.get(i % kinds.size()), from.get(i % from.size())));
        }
        dripper = new Thread(this::drip, "slow-clients");
        dripper.setDaemon(true);
        dripper.start();
    }

    private Slot open(Kind kind, InetAddress from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(server, port), 10_000);
        socket.getOutputStream().write(kind.start().getBytes(StandardCharsets.ISO_8859_1));
        return new Slot(kind, from, socket);
    }

    private void drip() {
        while (running) {
            long started = System.nanoTime();
            for (int i = 0; i < slots.size(); i++) {
                if (!running) {
                    return;
                }
                Slot slot = slots.get(i);
                try {
                    slot.socket().getOutputStream().write(slot.kind().drip().getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException closedByTheServer) {
                    reopen(i);
                }
            }
            // close() interrupts the wait: the loop then sees it is no longer running.
            LockSupport.parkNanos(interval.toNanos() - (System.nanoTime() - started));
        }
    }

    private void reopen(int i) {
        Slot slot = slots.get(i);
        try {
            slot.socket().close();
            slots.set(i, open(slot.kind(), slot.from()));
            reopened.incrementAndGet();
        } catch (IOException e) {
            // refused for now (the server is at its limit for that address): tried again next tick
        }
    }

    /** How many connections the server closed and were opened again. */
    int reopened() {
        return reopened.get();
    }

    int count() {
        return slots.size();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        dripper.interrupt();
        dripper.join(10_000);
        for (Slot slot : slots) {
            try {
                slot.socket().close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
